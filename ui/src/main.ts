import { requestFirstScreen } from './lib/firstScreen';
import { mount } from 'svelte';
import App from './App.svelte';
import { mark, reportFirstFrame } from './lib/startup';
import './app.css';

// Everything main.ts imports statically has been fetched, parsed and run by now.
mark('bundle');
const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');

// The desk's data is there before the first layout (lib/firstScreen.ts); a refusal is the
// desk's to report, once mounted.
void requestFirstScreen().then(() => {
  mount(App, { target });
  mark('mounted');

  // The shell times start-up to this call: after two frames the first paint has happened.
  reportFirstFrame();
});
