//! The hover card of a claim span: a Svelte component mounted into CodeMirror's tooltip.

import type { TooltipView, EditorView } from '@codemirror/view';
import { mount, unmount } from 'svelte';
import SpanTooltip from './components/SpanTooltip.svelte';
import { type EditorSpan, claimsField, detachSpan, spanAt } from './spans';

export function spanTooltip(view: EditorView, span: EditorSpan): TooltipView {
  const dom = document.createElement('div');
  const claims = view.state.field(claimsField);
  const claim = claims?.get(span.id) ?? null;
  const component = mount(SpanTooltip, {
    target: dom,
    props: {
      id: span.id,
      claim,
      unknown: claims !== null && claim === null,
      ondetach: () => {
        // The span where it is now (the text may have moved since the card opened).
        const current = spanAt(view.state, span.textFrom);
        if (current !== null && current.id === span.id) detachSpan(view, current);
        view.focus();
      },
    },
  });
  return { dom, destroy: () => void unmount(component) };
}
