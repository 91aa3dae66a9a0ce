//! The closed vocabularies the forms offer, typed against the generated bindings so a value the
//! desk does not know fails the type check.

import type { ClaimStatus } from './bindings/ClaimStatus';
import type { Reliability } from './bindings/Reliability';
import type { SourceKind } from './bindings/SourceKind';
import type { Stance } from './bindings/Stance';

export const SOURCE_KINDS: readonly SourceKind[] = [
  'outlet',
  'official',
  'interview',
  'press-release',
  'social',
  'dataset',
  'broadcast',
  'other',
];

export const RELIABILITIES: readonly Reliability[] = ['high', 'medium', 'low', 'unknown'];

export const CLAIM_STATUSES: readonly ClaimStatus[] = [
  'active',
  'disputed',
  'superseded',
  'retracted',
];

export const STANCES: readonly Stance[] = ['supports', 'contradicts'];

/** A trimmed text input, or `null` when it was left blank (the desk stores absence, not ""). */
export function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** "a, b,, c " → ["a", "b", "c"]. */
export function splitTopics(value: string): string[] {
  return value
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}
