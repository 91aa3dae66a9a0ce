//! TLS to a team desk, against a real cluster with ssl=on, a self-signed certificate and a
//! pg_hba.conf that takes TCP over TLS only (`Cluster::start_tls`): each `sslmode` as libpq
//! means it, the LISTEN/NOTIFY listener over the same connector, and clear refusals naming the
//! URL parameter to change.

use std::sync::OnceLock;
use std::time::Duration;

use factdesk_core::error::CoreError;
use factdesk_core::team::changes::{Event, Listener};
use factdesk_core::team::{self, TeamRole};
use factdesk_core::{Desk, SourceInput};

use super::cluster::Cluster;

/// One TLS cluster for this module's tests, with a team desk made by `team init` over its
/// socket (the administrator's way in) and a writer.
struct TlsDesk {
    cluster: Cluster,
    db: String,
    writer: String,
}

fn desk() -> &'static TlsDesk {
    static DESK: OnceLock<TlsDesk> = OnceLock::new();
    DESK.get_or_init(|| {
        let cluster = Cluster::start_tls();
        let db = cluster.fresh_database();
        team::init(&cluster.url(&db, "postgres")).unwrap();
        let writer = format!("{db}_writer");
        team::add_user(&cluster.url(&db, "postgres"), &writer, TeamRole::Writer).unwrap();
        TlsDesk {
            cluster,
            db,
            writer,
        }
    })
}

impl TlsDesk {
    fn url(&self, host: &str, params: &str) -> String {
        self.cluster.tcp_url(host, &self.db, &self.writer, params)
    }

    fn root(&self) -> String {
        format!("sslrootcert={}", self.cluster.certificate().display())
    }
}

/// Whether the session `url` opens through core's connect runs over TLS, as the server sees it.
fn over_tls(url: &str) -> bool {
    let mut client = team::connect(url).unwrap_or_else(|e| panic!("{url}: {e}"));
    client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0)
}

fn refused(url: &str) -> (String, String) {
    match team::connect(url) {
        Err(CoreError::Invalid { field, message }) => (field, message),
        Err(other) => panic!("{url}: refused, but not naming a field: {other:?}"),
        Ok(_) => panic!("{url} should be refused"),
    }
}

#[test]
fn sslmode_require_and_the_default_connect_over_tls_without_verifying() {
    let d = desk();
    assert!(over_tls(&d.url("127.0.0.1", "sslmode=require")));
    assert!(
        over_tls(&d.url("127.0.0.1", "")),
        "prefer, the default, takes the TLS the server offers"
    );
    assert!(over_tls(&d.url("127.0.0.1", "sslmode=prefer")));
}

#[test]
fn verify_full_connects_with_the_servers_certificate_as_root_and_is_refused_without() {
    let d = desk();
    let verified = d.url("localhost", &format!("sslmode=verify-full&{}", d.root()));
    assert!(over_tls(&verified));
    let ca = d.url("127.0.0.1", &format!("sslmode=verify-ca&{}", d.root()));
    assert!(over_tls(&ca));

    // verify-full checks the name the URL connects to; verify-ca does not.
    let port = d.cluster.tls_port.unwrap();
    let elsewhere = |mode: &str| {
        format!(
            "postgres://{}@news-db.invalid:{port}/{}?hostaddr=127.0.0.1&sslmode={mode}&{}",
            d.writer,
            d.db,
            d.root()
        )
    };
    assert!(over_tls(&elsewhere("verify-ca")));
    let (field, message) = refused(&elsewhere("verify-full"));
    assert_eq!(field, "sslrootcert");
    assert!(message.contains("name the host"), "{message}");

    // The system's store does not hold a self-signed certificate.
    let (field, message) = refused(&d.url("localhost", "sslmode=verify-full"));
    assert_eq!(field, "sslrootcert");
    assert!(message.contains("not trusted"), "{message}");
    assert!(message.contains("certificate verify failed"), "{message}");

    let (field, message) = refused(&d.url(
        "localhost",
        "sslmode=verify-full&sslrootcert=/nonexistent/root.crt",
    ));
    assert_eq!(field, "sslrootcert");
    assert!(
        message.contains("/nonexistent/root.crt"),
        "names the file: {message}"
    );
}

#[test]
fn a_whole_desk_opens_and_writes_over_verified_tls() {
    let d = desk();
    let url = d.url("localhost", &format!("sslmode=verify-full&{}", d.root()));
    let mut team = Desk::open_team(&url).unwrap();
    let source = team
        .add_source(&SourceInput {
            title: "Harbour authority minutes".into(),
            url: Some("https://harbour.example/minutes".into()),
            ..SourceInput::default()
        })
        .unwrap();
    let again = Desk::open_team(&url).unwrap();
    assert_eq!(
        again.source(&source.id).unwrap().title,
        "Harbour authority minutes"
    );
}

#[test]
fn a_unix_socket_connects_without_tls_whatever_sslmode_says_as_libpq_does() {
    let d = desk();
    for mode in ["require", "verify-full"] {
        let url = format!("{}&sslmode={mode}", d.cluster.url(&d.db, &d.writer));
        assert!(!over_tls(&url), "{mode} over the socket");
    }
}

#[test]
fn sslmode_disable_against_a_tls_only_server_is_refused_naming_sslmode() {
    let d = desk();
    let (field, message) = refused(&d.url("127.0.0.1", "sslmode=disable"));
    assert_eq!(field, "sslmode");
    assert!(message.contains("only TLS"), "{message}");
    assert!(
        message.contains("no encryption"),
        "the server's own words: {message}"
    );
}

#[test]
fn what_factdesk_does_not_support_is_refused_naming_the_parameter() {
    let d = desk();
    for (params, field) in [
        ("sslmode=allow", "sslmode"),
        ("sslmode=verify_full", "sslmode"),
        ("sslcert=/home/mina/me.crt", "sslcert"),
        ("sslkey=/home/mina/me.key", "sslkey"),
    ] {
        let (got, message) = refused(&d.url("localhost", params));
        assert_eq!(got, field, "{params}: {message}");
    }
}

#[test]
fn the_change_listener_connects_over_the_same_tls() {
    let d = desk();
    let url = d.url("localhost", &format!("sslmode=verify-full&{}", d.root()));
    let mut listener = Listener::connect(&url).unwrap();
    let mut writer = team::connect(&d.url("127.0.0.1", "sslmode=require")).unwrap();
    writer
        .execute(
            "INSERT INTO claims (id, text, confidence, created_at, updated_at)
             VALUES ('01TLSCLAIM0000000000000000', 'The ferry runs at night', 'reported',
                     '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')",
            &[],
        )
        .unwrap();
    let got = loop {
        match listener.next(Duration::from_secs(10)) {
            Some(Event::Change(c)) if c.table == "claims" => break c,
            Some(_) => continue,
            None => panic!("no notification over TLS within 10 s"),
        }
    };
    assert_eq!(got.id.as_deref(), Some("01TLSCLAIM0000000000000000"));
    assert_eq!(got.actor, d.writer);

    assert!(matches!(
        Listener::connect(&d.url("localhost", "sslmode=verify-full")),
        Err(CoreError::Invalid { ref field, .. }) if field == "sslrootcert"
    ));
}
