import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'electron-vite';
import { precompressAssets } from './vite/precompressAssets';
import { prerenderSignInShell } from './vite/prerenderSignInShell';

const rendererRoot = resolve(__dirname, 'src/renderer');

/**
 * Pages of the renderer build. The main window's page is ours; the sharing bar's page belongs to the
 * desktop shell and is built when it exists.
 */
function rendererPages(): Record<string, string> {
  const pages: Record<string, string> = { index: resolve(rendererRoot, 'index.html') };
  const sharingBar = resolve(rendererRoot, 'sharingBar/index.html');
  if (existsSync(sharingBar)) pages.sharingBar = sharingBar;
  return pages;
}

/**
 * The page's CSP meta forbids inline scripts, which Vite's dev server (React refresh) needs. Only
 * while serving, drop it; the Electron shell still sends its own CSP header. Builds keep it.
 */
function devWithoutCspMeta(): Plugin {
  return {
    name: 'wava:dev-without-csp-meta',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, ''),
  };
}

/**
 * Absolute asset paths. The web client is also served at `/j/CODE`, where `./assets/…` would point
 * under /j/; the desktop app loads the same files from `app://wava/`, where `/` is the build root too.
 * electron-vite forces `./` for production renderer builds, so this runs after its preset.
 */
function absoluteBase(): Plugin {
  return { name: 'wava:absolute-base', config: () => ({ base: '/' }) };
}

export default defineConfig({
  main: {
    // Entry src/main/index.ts; dependencies stay external (electron-vite's default), Electron's own modules always.
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    // Sandboxed preloads can require only `electron`: each one is a single self-contained file.
    build: {
      isolatedEntries: true,
      externalizeDeps: false,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/preload/index.ts'),
          sharingBar: resolve(__dirname, 'src/preload/sharingBar.ts'),
        },
      },
    },
  },
  renderer: {
    root: rendererRoot,
    plugins: [
      react(),
      devWithoutCspMeta(),
      absoluteBase(),
      prerenderSignInShell({
        root: rendererRoot,
        renderModule: '/signInShell/renderSignInShell.tsx',
        entry: resolve(rendererRoot, 'signInShell/signInShellEntry.ts'),
      }),
      precompressAssets(),
    ],
    resolve: {
      // Exactly one React, whichever package (styled-components, react-dom) asks for it.
      dedupe: ['react', 'react-dom'],
      // PeerJS imports webrtc-adapter only for browser detection; Chromium needs none of its polyfills.
      alias: { 'webrtc-adapter': resolve(rendererRoot, 'call/webrtcAdapterShim.ts') },
    },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      // The sign-in path is one chunk; the meeting (PeerJS, Socket.io, the call core) loads on the way in.
      chunkSizeWarningLimit: 400,
      // Maps are written for debugging builds but not linked from the bundles; the server serves them only
      // with WAVA_SERVE_SOURCE_MAPS=true, and the desktop installer leaves them out.
      sourcemap: 'hidden',
      rollupOptions: { input: rendererPages() },
    },
  },
});
