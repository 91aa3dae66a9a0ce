//! Where a team desk's password comes from when its URL holds none: libpq's conventions, since
//! the `postgres` crate does not follow them itself. `PGPASSWORD` first, then the password file
//! (`PGPASSFILE`, or `~/.pgpass`): lines `host:port:database:user:password`, `*` matching
//! anything, `\:` and `\\` escaping, `#` starting a comment; the first line that matches wins.
//!
//! Invariants, as libpq keeps them: a password file that others can read (any group or world
//! permission) is not read at all; a password is never logged or put in a message. The host a
//! line is matched against is the TCP host name, or for a Unix socket its folder, except libpq's
//! default socket folder, which matches `localhost`.

use std::path::{Path, PathBuf};

use postgres::Config;
use postgres::config::Host;

/// The folder Debian's libpq reaches a local server through by default.
const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";

/// The password libpq would use for `config`, if it has none of its own.
pub fn password_for(config: &Config) -> Option<String> {
    if let Ok(password) = std::env::var("PGPASSWORD")
        && !password.is_empty()
    {
        return Some(password);
    }
    let file = password_file()?;
    if !private(&file) {
        return None;
    }
    let text = std::fs::read_to_string(&file).ok()?;
    lookup(&text, &Wanted::of(config))
}

fn password_file() -> Option<PathBuf> {
    match std::env::var_os("PGPASSFILE") {
        Some(f) if !f.is_empty() => Some(PathBuf::from(f)),
        _ => std::env::var_os("HOME").map(|home| Path::new(&home).join(".pgpass")),
    }
}

/// Whether only its owner may read `file` (libpq refuses a file with group or world access).
#[cfg(unix)]
fn private(file: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(file).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o077 == 0)
}

#[cfg(not(unix))]
fn private(file: &Path) -> bool {
    file.is_file()
}

/// The four fields a password-file line is matched on.
struct Wanted {
    host: String,
    port: String,
    database: String,
    user: String,
}

impl Wanted {
    fn of(config: &Config) -> Wanted {
        let host = match config.get_hosts().first() {
            Some(Host::Tcp(h)) => h.clone(),
            Some(Host::Unix(dir)) if dir.as_path() == Path::new(DEFAULT_SOCKET_DIR) => {
                "localhost".into()
            }
            Some(Host::Unix(dir)) => dir.display().to_string(),
            None => "localhost".into(),
        };
        let user = config.get_user().unwrap_or_default().to_string();
        Wanted {
            host,
            port: config
                .get_ports()
                .first()
                .copied()
                .unwrap_or(5432)
                .to_string(),
            database: config.get_dbname().unwrap_or(&user).to_string(),
            user,
        }
    }
}

/// The password of the first line of `text` matching `wanted`.
fn lookup(text: &str, wanted: &Wanted) -> Option<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(fields)
        .find(|f| {
            let matches = |field: &str, value: &str| field == "*" || field == value;
            matches(&f[0], &wanted.host)
                && matches(&f[1], &wanted.port)
                && matches(&f[2], &wanted.database)
                && matches(&f[3], &wanted.user)
        })
        .map(|mut f| f.swap_remove(4))
}

/// A line's five fields, unescaped; `None` for a line with fewer (libpq skips those).
fn fields(line: &str) -> Option<Vec<String>> {
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.last_mut()?.push(chars.next().unwrap_or('\\')),
            ':' if out.len() < 5 => out.push(String::new()),
            c => out.last_mut()?.push(c),
        }
    }
    (out.len() == 5).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(url: &str) -> Wanted {
        Wanted::of(&url.parse().unwrap())
    }

    #[test]
    fn the_first_matching_line_wins_and_stars_match_anything() {
        let text = "# the newsroom's server\n\
                    db.example:5432:factdesk:ana:first\n\
                    *:*:factdesk:mina:second\n\
                    *:*:*:*:fallback\n";
        let at = |url| lookup(text, &wanted(url));
        assert_eq!(at("postgres://ana@db.example/factdesk").unwrap(), "first");
        assert_eq!(
            at("postgres://mina@other.example:6543/factdesk").unwrap(),
            "second"
        );
        assert_eq!(
            at("postgres://ana@db.example:6543/factdesk").unwrap(),
            "fallback"
        );
        assert_eq!(
            lookup(
                "db.example:5432:factdesk:ana:x\n",
                &wanted("postgres://jun@db.example/factdesk")
            ),
            None
        );
    }

    #[test]
    fn escaped_colons_and_backslashes_are_part_of_a_field() {
        let text = "db.example:5432:factdesk:ana:pa\\:ss\\\\word:tail\n";
        assert_eq!(
            lookup(text, &wanted("postgres://ana@db.example/factdesk")).unwrap(),
            "pa:ss\\word:tail",
            "the password is the rest of the line, its escapes undone"
        );
        assert_eq!(
            lookup(
                "db.example:5432:ana\n",
                &wanted("postgres://ana@db.example/ana")
            ),
            None
        );
    }

    #[test]
    fn a_socket_folder_is_the_host_and_the_default_one_is_localhost() {
        let text = "/tmp/cluster:5432:factdesk:ana:in-tmp\nlocalhost:5432:factdesk:ana:local\n";
        assert_eq!(
            lookup(
                text,
                &wanted("postgres:///factdesk?host=/tmp/cluster&user=ana")
            )
            .unwrap(),
            "in-tmp"
        );
        assert_eq!(
            lookup(
                text,
                &wanted("postgres:///factdesk?host=/var/run/postgresql&user=ana")
            )
            .unwrap(),
            "local"
        );
        assert_eq!(
            lookup(
                "*:*:ana:ana:by-user\n",
                &wanted("postgres://ana@db.example")
            )
            .unwrap(),
            "by-user",
            "without a database in the URL, the database is the user's name"
        );
    }
}
