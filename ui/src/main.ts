import { mount } from 'svelte';
import App from './App.svelte';
import { loadDraftPane } from './lib/editorChunk';
import { mark, reportFirstFrame } from './lib/startup';
import './app.css';

// Everything main.ts imports statically has been fetched, parsed and run by now.
mark('bundle');

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');

mount(App, { target });
mark('mounted');
// The editor's chunk is fetched while the first screen's IPC call is answered and the first frame
// drawn, so that the latest draft is editable sooner; nothing on the first screen waits for it.
void loadDraftPane().catch(() => undefined);

// The shell times start-up to this call: after two frames the first paint has happened.
reportFirstFrame();
