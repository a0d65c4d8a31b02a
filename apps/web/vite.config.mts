import { defineConfig } from 'vite';

const webRoot = new URL('.', import.meta.url);

export default defineConfig({
  root: decodeURIComponent(webRoot.pathname),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: decodeURIComponent(new URL('../../dist/apps/web', webRoot).pathname),
    emptyOutDir: true,
    // The API's Content-Security-Policy allows no inline script.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
