import { mount } from 'svelte';
import App from './App.svelte';
import { mark, reportFirstFrame } from './lib/startup';
import './app.css';

// Everything main.ts imports statically has been fetched, parsed and run by now.
mark('bundle');

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');

mount(App, { target });
mark('mounted');

// The shell times start-up to this call: after two frames the first paint has happened.
reportFirstFrame();
