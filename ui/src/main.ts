import { mount } from 'svelte';
import App from './App.svelte';
import { appReady } from './lib/ipc';
import { afterTwoFrames } from './lib/ready';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');

mount(App, { target });

// The shell times start-up to this call: after two frames the first paint has happened.
afterTwoFrames(() => {
  appReady().catch((e: unknown) => console.warn('app_ready failed', e));
});
