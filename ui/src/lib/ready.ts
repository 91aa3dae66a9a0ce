//! Runs a callback once the page has painted: the first frame lays out, the second paints it.

export function afterTwoFrames(callback: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(callback));
}
