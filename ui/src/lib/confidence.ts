//! The confidence levels as the UI shows them: name, meaning and colours. Every chip shows the
//! level's name as text too, so colour is never the only cue. The colours themselves are custom
//! properties in app.css, one value per theme (`--conf-<level>-text|bg|border`); contrast.test.ts
//! computes that each text/background pair passes WCAG AA in both themes.

import type { Confidence } from './bindings/Confidence';

export type ConfidenceStyle = {
  /** The name shown on the chip. */
  label: string;
  /** What the level means, for the chip's tooltip and the select's help. */
  meaning: string;
  /** CSS colours (`var(--…)`): they follow the theme. */
  text: string;
  background: string;
  border: string;
};

type Wording = Pick<ConfidenceStyle, 'label' | 'meaning'>;

const WORDING: Record<Confidence, Wording> = {
  confirmed: {
    label: 'confirmed',
    meaning: 'On the record from the party itself: an announcement, a direct quote, published data.',
  },
  corroborated: {
    label: 'corroborated',
    meaning: 'Two or more credible sources with independent origins.',
  },
  reported: {
    label: 'reported',
    meaning: 'One credible source, or several that trace back to one origin.',
  },
  unverified: {
    label: 'unverified',
    meaning: 'Unnamed reports, rumours, social posts.',
  },
  speculation: {
    label: 'speculation',
    meaning: 'Inference or analysis by the writer or an outlet.',
  },
};

/** Strongest first, as the select lists them. */
export const CONFIDENCE_LEVELS = Object.keys(WORDING) as Confidence[];

export const CONFIDENCE: Record<Confidence, ConfidenceStyle> = Object.fromEntries(
  CONFIDENCE_LEVELS.map((level) => [
    level,
    {
      ...WORDING[level],
      text: `var(--conf-${level}-text)`,
      background: `var(--conf-${level}-bg)`,
      border: `var(--conf-${level}-border)`,
    },
  ]),
) as Record<Confidence, ConfidenceStyle>;
