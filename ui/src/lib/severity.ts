//! How a finding's severity is spelt out beside its colour (the review panel, the editor's margin).
//! Apart from findings.ts, which needs CodeMirror: the review panel shows it before the editor loads.

import type { Severity } from './bindings/Severity';

export const SEVERITY_LABEL: Record<Severity, { icon: string; label: string }> = {
  error: { icon: '✖', label: 'Error' },
  warning: { icon: '▲', label: 'Warning' },
};
