//! The closed vocabularies the forms offer, typed against the generated bindings so a value the
//! desk does not know fails the type check.

// The closed vocabularies and each kind's default reliability are generated from the Rust
// tables (`cargo test -p factdesk-core --lib vocab`): a kind added there reaches these forms.
export {
  CLAIM_STATUSES,
  DEFAULT_RELIABILITY,
  LEVELS,
  RELIABILITIES,
  SOURCE_KINDS,
  STANCES,
} from './bindings/vocabulary';

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
