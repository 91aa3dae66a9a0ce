//! How a relay chain reads: "via X, citing Y" — nearest source first, ending at the origin.

type Named = { title: string; outlet: string | null };

export function sourceLabel(source: Named): string {
  return source.outlet ? `${source.title} (${source.outlet})` : source.title;
}

export function relayText(chain: readonly Named[]): string {
  if (chain.length === 0) return '';
  const [first, ...rest] = chain as [Named, ...Named[]];
  return [`via ${sourceLabel(first)}`, ...rest.map((s) => `citing ${sourceLabel(s)}`)].join(', ');
}
