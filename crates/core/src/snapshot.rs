//! A read-only, in-memory view of the records one draft operation needs: the claims it names
//! (and the claims those are superseded by), their evidence and overrides, and every source that
//! evidence cites with the sources their relay chains reach. Read by id through the primary keys
//! and `evidence_claim`, in five queries, so its cost follows the draft, never the desk: nothing
//! here reads every claim or source. The same queries run on a desk file and on a team desk
//! (through the storage seam, `db/`), so checks, exports and provenance read one definition.
//!
//! Checks, exports and provenance walk relay chains and evidence many times per draft; doing
//! that against maps keeps a 1,000-span draft well inside a frame.

use std::collections::HashMap;

use crate::claims::{self, Claim};
use crate::db::Db;
use crate::desk::Desk;
use crate::error::{CoreError, Result};
use crate::evidence::{self, Evidence};
use crate::export::citekeys;
use crate::provenance::{self, ConfidenceOverride};
use crate::sources::{self, MAX_CHAIN, Source};
use crate::vocab::Stance;

pub struct Snapshot {
    /// The claims named that exist, and the claims they are superseded by.
    pub claims: HashMap<String, Claim>,
    /// The sources cited by their evidence and their relay chains, without their kept text.
    pub sources: HashMap<String, Source>,
    /// Evidence by claim id, oldest first.
    pub evidence: HashMap<String, Vec<Evidence>>,
    /// Confidence overrides of the claims named, by claim id.
    pub overrides: HashMap<String, ConfidenceOverride>,
    /// The stored citation key of each source, by source id.
    pub cite_keys: HashMap<String, String>,
    /// For each id named that is no claim's but could be the start of one (shorter than an id,
    /// or in lower case): the ids it starts, at most three. The checks report a unique one as a
    /// malformed span with the full id as its fix.
    pub prefixes: HashMap<String, Vec<String>>,
}

/// Runs `read` inside one read transaction of `desk`, on either engine: the dozens of queries
/// of a draft operation then see one state of the desk. On a desk file the transaction (unless
/// the caller has one open) also takes the file's shared lock once instead of once per query
/// (with a rollback journal each query outside a transaction locks, probes for a hot journal
/// and unlocks the file again); a team desk's read is one repeatable-read transaction already.
///
/// NOTE: `read` reads through the `Db` it is given, never through `desk`'s own read methods: on
/// a team desk those would open a second read inside this one, which is refused.
pub(crate) fn in_one_read<T>(desk: &Desk, read: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
    if desk.is_team() {
        return desk.read(read);
    }
    let conn = desk.file("reading the desk")?;
    if !conn.is_autocommit() {
        return read(&Db::sqlite(conn));
    }
    let tx = conn.unchecked_transaction()?;
    let out = read(&Db::sqlite(&tx))?;
    tx.commit()?;
    Ok(out)
}

/// A JSON array of ids, bound as one parameter (see [`Db::in_keys`]).
fn id_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> Result<String> {
    serde_json::to_string(&ids.into_iter().collect::<Vec<_>>())
        .map_err(|e| CoreError::Internal(format!("could not list ids: {e}")))
}

impl Snapshot {
    /// The records the claims `ids` (full ids; unknown ones are left out) need.
    pub fn for_claims(db: &Db<'_>, ids: &[String]) -> Result<Snapshot> {
        let wanted = id_list(ids.iter().map(String::as_str))?;
        let mut claims: HashMap<String, Claim> = claims::by_ids_in(db, &wanted)?
            .into_iter()
            .map(|c| (c.id.clone(), c))
            .collect();
        // A superseded claim's check and footnote name the newer claim.
        let newer: Vec<&str> = claims
            .values()
            .filter_map(|c| c.superseded_by.as_deref())
            .filter(|n| !claims.contains_key(*n))
            .collect();
        if !newer.is_empty() {
            let newer = id_list(newer)?;
            for c in claims::by_ids_in(db, &newer)? {
                claims.insert(c.id.clone(), c);
            }
        }
        let mut prefixes = HashMap::new();
        for id in ids {
            if claims.contains_key(id)
                || (id.len() == crate::spans::ID_LEN && !id.bytes().any(|b| b.is_ascii_lowercase()))
            {
                continue;
            }
            let found = claims::ids_starting(db, &id.to_ascii_uppercase())?;
            if !found.is_empty() {
                prefixes.insert(id.clone(), found);
            }
        }
        let mut by_claim: HashMap<String, Vec<Evidence>> = HashMap::new();
        for e in evidence::for_claims_in(db, &wanted)? {
            by_claim.entry(e.claim_id.clone()).or_default().push(e);
        }
        let cited = id_list(
            by_claim
                .values()
                .flatten()
                .map(|e| e.source_id.as_str())
                .collect::<std::collections::BTreeSet<_>>(),
        )?;
        let mut sources = HashMap::new();
        let mut cite_keys = HashMap::new();
        for (s, key) in sources::with_chains_light_in(db, &cited)? {
            // Every write stores a key (`sources::insert`, the migration for older desks); a row
            // written around them still gets cited, by its unsuffixed key.
            let key = key.unwrap_or_else(|| citekeys::base_key(&s));
            cite_keys.insert(s.id.clone(), key);
            sources.insert(s.id.clone(), s);
        }
        Ok(Snapshot {
            claims,
            sources,
            evidence: by_claim,
            overrides: provenance::overrides_for(db, &wanted)?,
            cite_keys,
            prefixes,
        })
    }

    pub fn evidence_of(&self, claim_id: &str) -> &[Evidence] {
        self.evidence.get(claim_id).map_or(&[], Vec::as_slice)
    }

    /// Evidence of a claim with the given stance, each with its source.
    pub fn with_stance<'a>(
        &'a self,
        claim_id: &str,
        stance: Stance,
    ) -> impl Iterator<Item = (&'a Evidence, &'a Source)> + 'a {
        self.evidence_of(claim_id)
            .iter()
            .filter(move |e| e.stance == stance)
            .filter_map(|e| self.sources.get(&e.source_id).map(|s| (e, s)))
    }

    /// The sources `source` relays, nearest first, ending at the origin. A loop (which the desk
    /// refuses to store) ends the chain rather than spinning.
    pub fn chain<'a>(&'a self, source: &'a Source) -> Vec<&'a Source> {
        let mut chain: Vec<&Source> = Vec::new();
        let mut next = source.via.as_deref();
        while let Some(id) = next {
            let Some(s) = self.sources.get(id) else { break };
            if s.id == source.id || chain.len() >= MAX_CHAIN || chain.iter().any(|c| c.id == s.id) {
                break;
            }
            chain.push(s);
            next = s.via.as_deref();
        }
        chain
    }

    /// Where a source's information comes from: the end of its relay chain, or itself.
    pub fn origin<'a>(&'a self, source: &'a Source) -> &'a Source {
        self.chain(source).last().copied().unwrap_or(source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::Desk;

    fn put(desk: &Desk, id: &str, via: Option<&str>) {
        desk.conn()
            .unwrap()
            .execute(
                "INSERT INTO sources (id, title, via, created_at, updated_at)
                 VALUES (?1, ?1, ?2, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
                rusqlite::params![id, via],
            )
            .unwrap();
    }

    #[test]
    fn relay_chains_are_read_whole_once_each_and_a_loop_ends() {
        let desk = Desk::open_in_memory().unwrap();
        // C relays B relays A; E relays D, and D was made to relay E behind the desk's back.
        put(&desk, "A", None);
        put(&desk, "B", Some("A"));
        put(&desk, "C", Some("B"));
        put(&desk, "D", None);
        put(&desk, "E", Some("D"));
        put(&desk, "F", None);
        desk.conn()
            .unwrap()
            .execute("UPDATE sources SET via = 'E' WHERE id = 'D'", [])
            .unwrap();
        let read = |ids: &[&str]| {
            let mut got: Vec<String> = sources::with_chains_light_in(
                &Db::sqlite(desk.conn().unwrap()),
                &id_list(ids.iter().copied()).unwrap(),
            )
            .unwrap()
            .into_iter()
            .map(|(s, _)| s.id)
            .collect();
            got.sort();
            got
        };
        assert_eq!(
            read(&["C"]),
            ["A", "B", "C"],
            "a chain is read to its origin"
        );
        assert_eq!(
            read(&["C", "B", "X"]),
            ["A", "B", "C"],
            "each source once; unknown ids left out"
        );
        assert_eq!(read(&["E"]), ["D", "E"], "a looping chain ends");
        assert!(read(&[]).is_empty());
    }
}
