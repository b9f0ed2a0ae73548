import { createHash } from 'node:crypto';
import react from '@vitejs/plugin-react';
import { build, createServer, type Plugin } from 'vite';
import type { SignInShellMarkup } from '../src/renderer/signInShell/renderSignInShell';
import { withSignInShell } from '../src/renderer/signInShell/withSignInShell';

export interface PrerenderSignInShellOptions {
  /** The renderer's root folder. */
  root: string;
  /** The module that renders the shell, from the root (`/signInShell/renderSignInShell.tsx`). */
  renderModule: string;
  /** The script that reveals the shell (an absolute path): bundled on its own, into one file. */
  entry: string;
}

/**
 * Puts the sign-in screen into the built index.html (signInShell/): the screen rendered in Node by the app's own
 * components, its style in the head, and the small script that reveals it, requested ahead of the app's scripts.
 * That script is bundled apart from the app, into one self-contained file (what it shares with the app, about a
 * KB, is in both), so it costs one request, not one per shared chunk. Runs before the build's files are written,
 * so precompressAssets compresses the page and the script with the rest.
 */
export function prerenderSignInShell({ root, renderModule, entry }: PrerenderSignInShellOptions): Plugin {
  return {
    name: 'wava:prerender-sign-in-shell',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        const page = bundle['index.html'];
        if (!page || page.type !== 'asset') return;
        const [markup, script] = await Promise.all([renderInNode(root, renderModule), bundleAlone(root, entry)]);
        const fileName = `assets/signInShell-${createHash('sha256').update(script).digest('base64url').slice(0, 8)}.js`;
        this.emitFile({ type: 'asset', fileName, source: script });
        page.source = withSignInShell(String(page.source), markup, fileName, []);
      },
    },
  };
}

async function renderInNode(root: string, renderModule: string): Promise<SignInShellMarkup> {
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'warn',
    appType: 'custom',
    plugins: [react()],
    // One React for react-dom/server, styled-components and react-i18next alike (as in the renderer build).
    resolve: { dedupe: ['react', 'react-dom'] },
    ssr: { noExternal: ['styled-components', 'react-i18next'] },
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
  });
  try {
    const module = (await server.ssrLoadModule(renderModule)) as { renderSignInShell(): SignInShellMarkup };
    return module.renderSignInShell();
  } finally {
    await server.close();
  }
}

async function bundleAlone(root: string, entry: string): Promise<string> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      modulePreload: false,
      rollupOptions: { input: entry, output: { format: 'es' } },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  const chunks = outputs.flatMap((output) => ('output' in output ? output.output : []));
  const [chunk, ...more] = chunks.filter((file) => file.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk' || more.length > 0) throw new Error(`${entry} did not bundle into one file.`);
  return chunk.code;
}
