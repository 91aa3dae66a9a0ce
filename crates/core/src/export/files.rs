//! Writing an export to disk: the Markdown and its bibliography appear together or not at all,
//! each through a temporary file renamed into place, so a failed export never leaves a
//! half-written file over a good one.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::Exported;
use crate::error::{CoreError, Result};
use crate::progress::{Progress, Silent};

/// The stage of an export's writing, as the progress bar shows it.
const WRITING: &str = "Writing the file";

fn io(path: &Path, source: std::io::Error) -> CoreError {
    CoreError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// `notes.md` → `notes.md.csl.json`: the bibliography's default place beside the Markdown.
pub fn default_bibliography_path(out: &Path) -> PathBuf {
    let mut name = out.as_os_str().to_owned();
    name.push(".csl.json");
    PathBuf::from(name)
}

/// Checks that `path` names a file in an existing folder, not a folder itself.
pub fn check_target(field: &str, path: &Path) -> Result<()> {
    if path.as_os_str().is_empty() || path.is_dir() {
        return Err(CoreError::invalid(field, "must name a file, not a folder"));
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(dir) = parent
        && !dir.is_dir()
    {
        return Err(CoreError::invalid(
            field,
            format!("the folder {} does not exist", dir.display()),
        ));
    }
    Ok(())
}

fn stage(path: &Path, text: &str) -> Result<PathBuf> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let mut file = std::fs::File::create(&tmp).map_err(|e| io(&tmp, e))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            io(&tmp, e)
        })?;
    Ok(tmp)
}

/// Writes one file atomically; `field` names the path's input in errors.
pub fn write_one(field: &str, path: &Path, text: &str) -> Result<()> {
    write_one_with(field, path, text, &Silent)
}

/// [`write_one`], reporting to `progress`; cancelled, it leaves no file.
pub fn write_one_with(field: &str, path: &Path, text: &str, progress: &dyn Progress) -> Result<()> {
    check_target(field, path)?;
    progress.report(0, Some(1), WRITING);
    let tmp = stage(path, text)?;
    if progress.cancelled() {
        let _ = std::fs::remove_file(&tmp);
        return Err(CoreError::Cancelled);
    }
    std::fs::rename(&tmp, path).map_err(|e| io(path, e))?;
    progress.report(1, Some(1), WRITING);
    Ok(())
}

/// Writes the Markdown to `out` and, when there is one, the bibliography to `bib`.
pub fn write(exported: &Exported, out: &Path, bib: Option<&Path>) -> Result<()> {
    write_with(exported, out, bib, &Silent)
}

/// [`write`], reporting to `progress`; cancelled before the files take their names, it leaves
/// neither.
pub fn write_with(
    exported: &Exported,
    out: &Path,
    bib: Option<&Path>,
    progress: &dyn Progress,
) -> Result<()> {
    check_target("out", out)?;
    progress.report(0, Some(1), WRITING);
    let bib_text = exported.csl_json.as_deref();
    let bib_path = match (bib_text, bib) {
        (Some(_), Some(b)) => Some(b.to_path_buf()),
        (Some(_), None) => Some(default_bibliography_path(out)),
        (None, _) => None,
    };
    if let Some(b) = &bib_path {
        check_target("bib", b)?;
    }
    let md_tmp = stage(out, &exported.markdown)?;
    let bib_tmp = match (bib_text, &bib_path) {
        (Some(text), Some(b)) => match stage(b, text) {
            Ok(t) => Some((t, b)),
            Err(e) => {
                let _ = std::fs::remove_file(&md_tmp);
                return Err(e);
            }
        },
        _ => None,
    };
    if progress.cancelled() {
        let _ = std::fs::remove_file(&md_tmp);
        if let Some((tmp, _)) = &bib_tmp {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(CoreError::Cancelled);
    }
    if let Some((tmp, b)) = &bib_tmp {
        std::fs::rename(tmp, b).map_err(|e| io(b, e))?;
    }
    std::fs::rename(&md_tmp, out).map_err(|e| io(out, e))?;
    progress.report(1, Some(1), WRITING);
    Ok(())
}
