//! A throwaway PostgreSQL cluster for a test binary: `scripts/pg-cluster.sh` makes it in a fresh
//! folder under the temp dir, on a Unix socket there and no TCP port. Each test takes its own
//! database in it (`fresh_database`), so tests run in parallel without seeing each other's rows;
//! roles are cluster-wide, so tests name their users after their database.
//!
//! One cluster serves the whole binary (`Cluster::shared`). A `static` is never dropped, so the
//! script's watcher stops that one and deletes its folder when the test process exits, however
//! it exits; a cluster held in a local (`Cluster::start`) is stopped by `Drop`, and one a test
//! leaks (to stop and restart it alone) by the watcher too.
//!
//! No PostgreSQL means a failed test with the reason, never a skipped one.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

pub struct Cluster {
    dir: PathBuf,
    /// The superuser's URL (database `postgres`).
    pub admin_url: String,
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pg-cluster.sh")
}

impl Cluster {
    /// The binary's one cluster, started by the first test that asks for it.
    pub fn shared() -> &'static Cluster {
        static SHARED: OnceLock<Cluster> = OnceLock::new();
        SHARED.get_or_init(Cluster::start)
    }

    /// A new cluster in a new folder; panics with the script's own words when it cannot start.
    pub fn start() -> Cluster {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("factdesk-pg-{}-{n}", std::process::id()));
        let out = Command::new(script())
            .arg("start")
            .arg(&dir)
            .arg(std::process::id().to_string())
            .output()
            .unwrap_or_else(|e| panic!("could not run {}: {e}", script().display()));
        assert!(
            out.status.success(),
            "the test PostgreSQL cluster did not start ({} start {}): {}\n\
             Team-desk tests need Debian's postgresql package (PostgreSQL 15): \
             apt-get install postgresql",
            script().display(),
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
        let admin_url = String::from_utf8_lossy(&out.stdout).trim().to_string();
        Cluster { dir, admin_url }
    }

    /// The socket folder, as libpq's `host`.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The URL of database `db` as role `user` (any role may connect: the cluster trusts its
    /// socket).
    pub fn url(&self, db: &str, user: &str) -> String {
        format!("postgres:///{db}?host={}&user={user}", self.dir.display())
    }

    /// Stops the server (fast shutdown: open sessions are ended, their transactions rolled
    /// back), as an administrator's restart does; the folder and its data stay.
    pub fn stop(&self) {
        let out = Command::new(script())
            .arg("stop")
            .arg(&self.dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "stopping the test cluster: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts a stopped server again on the same data and socket.
    pub fn resume(&self) {
        let out = Command::new(script())
            .arg("start")
            .arg(&self.dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "starting the test cluster again: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// `stop` then `resume`: what `pg_ctl restart` does.
    pub fn restart(&self) {
        self.stop();
        self.resume();
    }

    /// A new, empty database only the calling test uses; returns its name.
    pub fn fresh_database(&self) -> String {
        let name = format!(
            "t{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let mut admin = postgres::Client::connect(&self.admin_url, postgres::NoTls)
            .unwrap_or_else(|e| panic!("connecting to the test cluster as its superuser: {e}"));
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
        name
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new(script()).arg("stop").arg(&self.dir).status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
