import react from '@vitejs/plugin-react';
import { createServer, type Plugin } from 'vite';
import type { SignInShellMarkup } from '../src/renderer/signInShell/renderSignInShell';
import { withSignInShell } from '../src/renderer/signInShell/withSignInShell';

export interface PrerenderSignInShellOptions {
  /** The renderer's root folder. */
  root: string;
  /** The module that renders the shell, from the root (`/signInShell/renderSignInShell.tsx`). */
  renderModule: string;
  /** The build input whose chunk reveals the shell (`signInShell`). */
  entryName: string;
}

/**
 * Puts the sign-in screen into the built index.html (signInShell/): the screen rendered in Node by the app's own
 * components, its style in the head, and the small entry that reveals it, loaded beside the app's scripts (its
 * imports preloaded). Runs before the build's files are written, so precompressAssets compresses the result.
 */
export function prerenderSignInShell({ root, renderModule, entryName }: PrerenderSignInShellOptions): Plugin {
  return {
    name: 'wava:prerender-sign-in-shell',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        const page = bundle['index.html'];
        if (!page || page.type !== 'asset') return;
        const entry = Object.values(bundle).find(
          (file) => file.type === 'chunk' && file.isEntry && file.name === entryName,
        );
        if (!entry || entry.type !== 'chunk') return this.error(`No entry chunk named ${entryName}.`);
        const markup = await renderInNode(root, renderModule);
        page.source = withSignInShell(String(page.source), markup, entry.fileName, entry.imports);
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
