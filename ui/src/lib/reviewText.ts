//! How review records read: times, states and history values as short text.

import type { ReviewState } from './bindings/ReviewState';

export const REVIEW_STATES: readonly ReviewState[] = ['pending', 'approved', 'changes-requested', 'rejected'];

export const REVIEW_LABEL: Record<ReviewState, string> = {
  pending: 'Pending',
  approved: 'Approved',
  'changes-requested': 'Changes requested',
  rejected: 'Rejected',
};

/** An RFC 3339 timestamp as "2025-03-02 14:05" in local time; unparsable text as it came. */
export function shortTime(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return value === '' ? '(empty)' : `“${value}”`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(describe).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['text', 'title', 'reason', 'quote', 'name', 'state']) {
      if (typeof record[key] === 'string') return describe(record[key]);
    }
    return `${Object.keys(record).length} fields`;
  }
  return String(value);
}

/** A history value (JSON text) as a short line; `null` (absent) reads as a dash. */
export function shortJson(json: string | null, max = 80): string {
  if (json === null) return '—';
  try {
    return clip(describe(JSON.parse(json) as unknown), max);
  } catch {
    return clip(json, max);
  }
}
