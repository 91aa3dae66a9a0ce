//! Mounts the whole app (with its real stylesheet, at the window's size) against a fake desk.

import { mount, unmount } from 'svelte';
import App from '../App.svelte';
import '../app.css';
import { FakeDesk } from './fakeBackend';

export type Rendered = { fake: FakeDesk; target: HTMLElement; cleanup: () => void };

let mounted: Rendered[] = [];

/** Mounts the app over `fake` (a fresh, empty desk when omitted). */
export function renderApp(fake: FakeDesk = new FakeDesk()): Rendered {
  fake.install();
  const target = document.createElement('div');
  target.id = 'app';
  document.body.append(target);
  const app = mount(App, { target });
  const rendered: Rendered = {
    fake,
    target,
    cleanup: () => {
      void unmount(app);
      target.remove();
      fake.uninstall();
    },
  };
  mounted.push(rendered);
  return rendered;
}

/** Unmounts whatever the test mounted; call from `afterEach`. */
export function cleanupAll(): void {
  for (const r of mounted) r.cleanup();
  mounted = [];
}

/** A desk holding the sample: three sources, two claims, two pieces of evidence, one draft. */
export function sampleDesk(): FakeDesk {
  const fake = new FakeDesk();
  fake.loadSample();
  return fake;
}
