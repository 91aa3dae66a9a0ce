//! A small fuzzy matcher for the command palette: the query's characters must appear in the text
//! in order (a subsequence, ignoring case). Among matches, those whose characters start words, sit
//! next to each other and come early score higher, so "nc" puts "New claim" above "New source".

/** The score of `text` for `query`, or null when the query is not a subsequence of it. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const t = text.toLowerCase();
  if (q === '') return 0;
  let score = 0;
  let from = 0;
  let previous = -2;
  for (let i = 0; i < q.length; i++) {
    const ch = q[i]!;
    const at = t.indexOf(ch, from);
    if (at < 0) return null;
    // Prefer a later occurrence that starts a word over the first one mid-word, unless taking
    // it leaves the rest of the query unmatched.
    const wordStart = findWordStart(t, ch, at);
    const pos = wordStart !== null && isSubsequence(q.slice(i + 1), t, wordStart + 1) ? wordStart : at;
    score += 1;
    if (pos === 0 || !isWordChar(t[pos - 1]!)) score += 8;
    if (pos === previous + 1) score += 5;
    score -= Math.min(pos - from, 10) * 0.2;
    previous = pos;
    from = pos + 1;
  }
  // A shorter text with the same matches is the closer one.
  return score - t.length * 0.01;
}

function isSubsequence(q: string, t: string, from: number): boolean {
  for (const ch of q) {
    const at = t.indexOf(ch, from);
    if (at < 0) return false;
    from = at + 1;
  }
  return true;
}

function isWordChar(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch);
}

/** The first occurrence of `ch` at or after `from` that starts a word, if any does. */
function findWordStart(t: string, ch: string, from: number): number | null {
  for (let i = t.indexOf(ch, from); i >= 0; i = t.indexOf(ch, i + 1)) {
    if (i === 0 || !isWordChar(t[i - 1]!)) return i;
  }
  return null;
}

/** The items matching `query`, best first; ties keep their order. */
export function fuzzyRank<T>(query: string, items: readonly T[], text: (item: T) => string): T[] {
  const scored: { item: T; score: number; index: number }[] = [];
  items.forEach((item, index) => {
    const score = fuzzyScore(query, text(item));
    if (score !== null) scored.push({ item, score, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((s) => s.item);
}
