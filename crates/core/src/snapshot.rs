//! A read-only, in-memory view of the desk's claims, evidence and sources, loaded with three
//! queries. Export, checks and provenance walk relay chains and evidence many times per draft;
//! doing that against maps keeps a 1,000-span draft well inside a frame.

use std::collections::HashMap;

use crate::claims::{self, Claim};
use crate::desk::Desk;
use crate::error::Result;
use crate::evidence::{self, Evidence};
use crate::sources::{self, MAX_CHAIN, Source};
use crate::vocab::Stance;

pub struct Snapshot {
    pub claims: HashMap<String, Claim>,
    /// Sources without their kept text.
    pub sources: HashMap<String, Source>,
    /// Evidence by claim id, oldest first.
    pub evidence: HashMap<String, Vec<Evidence>>,
}

impl Snapshot {
    pub fn load(desk: &Desk) -> Result<Snapshot> {
        let conn = desk.conn();
        let claims = claims::all_in(conn)?
            .into_iter()
            .map(|c| (c.id.clone(), c))
            .collect();
        let sources = sources::all_light_in(conn)?
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect();
        let mut by_claim: HashMap<String, Vec<Evidence>> = HashMap::new();
        for e in evidence::all_in(conn)? {
            by_claim.entry(e.claim_id.clone()).or_default().push(e);
        }
        Ok(Snapshot {
            claims,
            sources,
            evidence: by_claim,
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
