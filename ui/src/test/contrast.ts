//! WCAG 2.x contrast, computed from colours as the browser resolves them (so a `var(--…)` is read
//! through the live stylesheet and the current theme).

/** The colour `css` resolves to on the page, as `rgb(r, g, b)`. */
export function resolve(css: string): string {
  const probe = document.createElement('span');
  probe.style.color = css;
  document.body.append(probe);
  const rgb = getComputedStyle(probe).color;
  probe.remove();
  return rgb;
}

function channels(rgb: string): [number, number, number, number] {
  const parts = (rgb.match(/[\d.]+/g) ?? []).map(Number);
  if (parts.length < 3) throw new Error(`not a colour: ${rgb}`);
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

/** WCAG relative luminance of an opaque `rgb(...)`. */
export function luminance(rgb: string): number {
  const [r, g, b, alpha] = channels(rgb);
  if (alpha !== 1) throw new Error(`contrast of a translucent colour is undefined here: ${rgb}`);
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The WCAG contrast ratio of two opaque colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
