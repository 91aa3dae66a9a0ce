/// <reference types="vitest/config" />
import { existsSync } from 'node:fs';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { playwright } from '@vitest/browser-playwright';

// NOTE: UI tests run in the machine's Debian Chromium (never a downloaded browser build), driven by
// Playwright; `PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1` keeps Playwright from fetching its own.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (process.env.VITEST && !existsSync(chromium)) {
  throw new Error(`UI tests need Chromium at ${chromium}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
}

export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  // axe-core (a11y.test.ts) is CommonJS: pre-bundle it up front, or the first run reloads the test.
  optimizeDeps: { include: ['axe-core'] },
  server: { port: 1420, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The CSP forbids inline scripts; keep every asset a file served from 'self'.
    assetsInlineLimit: 0,
    sourcemap: false,
    // CodeMirror (with the Markdown grammar and its nested HTML/CSS/JS grammars, ~580 kB) is a
    // chunk of its own, imported with the first draft (src/lib/editorChunk.ts): the first frame
    // parses only the ~165 kB the first screen needs. Measured with `make measure` (README).
    chunkSizeWarningLimit: 1024,
  },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 15_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: {
          executablePath: chromium,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      }),
      instances: [{ browser: 'chromium', viewport: { width: 1280, height: 800 } }],
    },
  },
});
