//! The left pane's filter: case-insensitive, over the words a writer remembers (title, outlet,
//! author, claim text, topics) and over ids by prefix, so a pasted `01J…` prefix finds its record.

import type { Claim } from './bindings/Claim';
import type { Source } from './bindings/Source';

function normalise(query: string): string {
  return query.trim().toLowerCase();
}

function contains(haystack: string | null, needle: string): boolean {
  return haystack !== null && haystack.toLowerCase().includes(needle);
}

export function sourceMatches(source: Source, query: string): boolean {
  const q = normalise(query);
  if (q === '') return true;
  return (
    source.id.toLowerCase().startsWith(q) ||
    contains(source.title, q) ||
    contains(source.outlet, q) ||
    contains(source.author, q)
  );
}

export function claimMatches(claim: Claim, query: string): boolean {
  const q = normalise(query);
  if (q === '') return true;
  return (
    claim.id.toLowerCase().startsWith(q) ||
    contains(claim.text, q) ||
    claim.topics.some((t) => contains(t, q))
  );
}
