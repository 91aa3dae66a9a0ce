//! The files that make up a desk (the desk, its rollback journal and, should it ever run in WAL
//! mode, its `-wal` and `-shm`, and everything in its backups folder) and the rule that nothing
//! Factdesk writes for a person (an export, a bibliography, a report, a backup) may land on
//! them. An export once replaced a desk with Markdown; this is what stops it.
//!
//! Paths are compared after resolving them as the file system will: relative paths against the
//! working folder, symbolic links (dangling ones too, as writing would create their target),
//! and, for a file that does not exist yet, its folder. Hard links are caught by comparing the
//! device and inode of existing files.

use std::path::{Component, Path, PathBuf};

use crate::backup;
use crate::desk::Desk;
use crate::error::{CoreError, Result};
use crate::export::{Exported, files};
use crate::progress::{Progress, Silent};

/// Suffixes SQLite gives a database's companion files.
const COMPANIONS: [&str; 3] = ["-journal", "-wal", "-shm"];

/// Where `path` leads: the real path of an existing file, else its resolved folder joined with
/// its name (following a dangling symbolic link to where it points).
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let mut path = std::path::absolute(path)?;
    for _ in 0..40 {
        if let Ok(real) = std::fs::canonicalize(&path) {
            return Ok(real);
        }
        match std::fs::read_link(&path) {
            Ok(target) => {
                let base = path.parent().unwrap_or(Path::new("/")).to_path_buf();
                path = base.join(target);
            }
            Err(_) => break,
        }
    }
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    let parent = path.parent().unwrap_or(Path::new("/"));
    let parent = std::fs::canonicalize(parent).unwrap_or_else(|_| lexical(parent));
    Ok(parent.join(name))
}

/// `a/./b/../c` → `a/c`, for folders that do not exist (nothing can be written there anyway).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

/// Refuses `out` (the input `field`) when it is the desk at `desk`, one of its journals, a
/// backup, or anything inside its backups folder.
pub fn refuse_output(field: &str, out: &Path, desk: &Path) -> Result<()> {
    let cannot = |e: std::io::Error| {
        CoreError::invalid(field, format!("{} cannot be resolved: {e}", out.display()))
    };
    let target = resolve(out).map_err(cannot)?;
    let real_desk = resolve(desk).map_err(cannot)?;
    let refuse = |what: &str| {
        Err(CoreError::invalid(
            field,
            format!(
                "{} is {what}; writing there would destroy it. Choose another file",
                out.display()
            ),
        ))
    };
    if target == real_desk || same_file(out, desk) {
        return refuse(&format!("the desk {}", desk.display()));
    }
    for suffix in COMPANIONS {
        let mut companion = real_desk.as_os_str().to_owned();
        companion.push(suffix);
        if target == Path::new(&companion) {
            return refuse(&format!("the desk's journal ({suffix})"));
        }
    }
    for dir in [backup::folder(&real_desk), backup::folder(desk)] {
        let dir = resolve(&dir).map_err(cannot)?;
        if target.starts_with(&dir) {
            return refuse(&format!(
                "inside the desk's backups folder {}",
                dir.display()
            ));
        }
    }
    Ok(())
}

impl Desk {
    /// Refuses an output path that would land on this desk's files (see [`refuse_output`]).
    pub fn refuse_output(&self, field: &str, out: &Path) -> Result<()> {
        match self.path() {
            Some(desk) => refuse_output(field, out, desk),
            None => Ok(()),
        }
    }

    /// Writes an export to `out` (and its bibliography to `bib`, or beside `out`), after
    /// checking that neither path is one of the desk's files.
    pub fn save_export(&self, exported: &Exported, out: &Path, bib: Option<&Path>) -> Result<()> {
        self.save_export_with(exported, out, bib, &Silent)
    }

    /// [`Desk::save_export`], reporting to `progress`; cancelled, it writes neither file.
    pub fn save_export_with(
        &self,
        exported: &Exported,
        out: &Path,
        bib: Option<&Path>,
        progress: &dyn Progress,
    ) -> Result<()> {
        self.refuse_output("out", out)?;
        if exported.csl_json.is_some() {
            let bib = bib
                .map(Path::to_path_buf)
                .unwrap_or_else(|| files::default_bibliography_path(out));
            self.refuse_output("bib", &bib)?;
        }
        files::write_with(exported, out, bib, progress)
    }

    /// Writes one text file (a report, a bibliography alone) to `path`, the input `field`,
    /// after checking that it is not one of the desk's files.
    pub fn save_text(&self, field: &str, path: &Path, text: &str) -> Result<()> {
        self.save_text_with(field, path, text, &Silent)
    }

    /// [`Desk::save_text`], reporting to `progress`; cancelled, it leaves no file.
    pub fn save_text_with(
        &self,
        field: &str,
        path: &Path,
        text: &str,
        progress: &dyn Progress,
    ) -> Result<()> {
        self.refuse_output(field, path)?;
        files::write_one_with(field, path, text, progress)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desk_its_journal_and_its_backups_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let desk = dir.path().join("desk.sqlite");
        std::fs::write(&desk, b"x").unwrap();
        for bad in [
            desk.clone(),
            dir.path().join("desk.sqlite-journal"),
            dir.path().join("desk.sqlite-wal"),
            dir.path().join("backups/desk-2025-01-01T00-00-00Z.sqlite"),
            dir.path().join("sub/../desk.sqlite"),
        ] {
            let err = refuse_output("out", &bad, &desk).unwrap_err();
            assert_eq!(err.field(), Some("out"), "{}: {err}", bad.display());
        }
        for fine in [
            dir.path().join("desk.md"),
            dir.path().join("desk.sqlite.md"),
        ] {
            assert!(
                refuse_output("out", &fine, &desk).is_ok(),
                "{}",
                fine.display()
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_link_to_the_desk_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let desk = dir.path().join("desk.sqlite");
        std::fs::write(&desk, b"x").unwrap();
        let link = dir.path().join("other.md");
        std::fs::hard_link(&desk, &link).unwrap();
        assert!(refuse_output("out", &link, &desk).is_err());
    }
}
