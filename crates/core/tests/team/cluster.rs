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
    /// The TCP port of a cluster started with [`Cluster::start_tls`] (127.0.0.1, TLS only).
    pub tls_port: Option<u16>,
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
        Cluster::start_with(None)
    }

    /// A cluster that also listens on 127.0.0.1 (a free port) with ssl=on and a self-signed
    /// certificate for localhost and 127.0.0.1 ([`Cluster::certificate`]); its pg_hba.conf takes
    /// TCP connections over TLS only (`hostssl`), as docs/team-desk.md tells newsrooms to.
    pub fn start_tls() -> Cluster {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free TCP port on 127.0.0.1");
        Cluster::start_with(Some(port))
    }

    fn start_with(tls_port: Option<u16>) -> Cluster {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("factdesk-pg-{}-{n}", std::process::id()));
        let mut command = Command::new(script());
        if let Some(port) = tls_port {
            command.env("PG_TLS_PORT", port.to_string());
        }
        let out = command
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
        Cluster {
            dir,
            admin_url,
            tls_port,
        }
    }

    /// The self-signed certificate of a [`Cluster::start_tls`] cluster (PEM).
    pub fn certificate(&self) -> PathBuf {
        self.dir.join("server.crt")
    }

    /// The URL of database `db` as `user` over TCP to `host` on the TLS port, with `params`
    /// (`sslmode=…`) added.
    pub fn tcp_url(&self, host: &str, db: &str, user: &str, params: &str) -> String {
        let port = self.tls_port.expect("a cluster started with start_tls");
        let sep = if params.is_empty() { "" } else { "?" };
        format!("postgres://{user}@{host}:{port}/{db}{sep}{params}")
    }

    /// The socket folder, as libpq's `host`.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The URL of database `db` as role `user` (any role may connect: the cluster trusts its
    /// socket).
    pub fn url(&self, db: &str, user: &str) -> String {
        match self.tls_port {
            Some(port) => format!(
                "postgres:///{db}?host={}&user={user}&port={port}",
                self.dir.display()
            ),
            None => format!("postgres:///{db}?host={}&user={user}", self.dir.display()),
        }
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
