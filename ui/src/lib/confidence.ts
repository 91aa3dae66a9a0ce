//! The one colour table for confidence levels. Every chip shows the level's name as text too, so
//! colour is never the only cue; each pair of text and background passes WCAG AA (most pass AAA).

import type { Confidence } from './bindings/Confidence';

export type ConfidenceStyle = {
  /** The name shown on the chip. */
  label: string;
  /** What the level means, for the chip's tooltip and the select's help. */
  meaning: string;
  text: string;
  background: string;
  border: string;
};

export const CONFIDENCE: Record<Confidence, ConfidenceStyle> = {
  confirmed: {
    label: 'confirmed',
    meaning: 'On the record from the party itself: an announcement, a direct quote, published data.',
    text: '#14532d',
    background: '#dcfce7',
    border: '#16a34a',
  },
  corroborated: {
    label: 'corroborated',
    meaning: 'Two or more credible sources with independent origins.',
    text: '#134e4a',
    background: '#ccfbf1',
    border: '#0d9488',
  },
  reported: {
    label: 'reported',
    meaning: 'One credible source, or several that trace back to one origin.',
    text: '#1e3a8a',
    background: '#dbeafe',
    border: '#2563eb',
  },
  unverified: {
    label: 'unverified',
    meaning: 'Unnamed reports, rumours, social posts.',
    text: '#78350f',
    background: '#fef3c7',
    border: '#d97706',
  },
  speculation: {
    label: 'speculation',
    meaning: 'Inference or analysis by the writer or an outlet.',
    text: '#4c1d95',
    background: '#ede9fe',
    border: '#7c3aed',
  },
};

/** Strongest first, as the select lists them. */
export const CONFIDENCE_LEVELS = Object.keys(CONFIDENCE) as Confidence[];
