import { createRoot } from 'react-dom/client';
import { loadValidation } from './api/loadValidation.js';
import { App } from './app/App.js';
import { applyLanguage } from './i18n/applyLanguage.js';
import { browserLanguageStorage } from './i18n/browserLanguageStorage.js';
import { i18n } from './i18n/i18n.js';
import { preferredLanguage } from './i18n/languagePreference.js';
import { choosePlatform } from './platform/choosePlatform.js';
import { removeSignInShell } from './signInShell/takeSignInShell.js';
import { whenIdle } from './util/whenIdle.js';

const VALIDATION_PREFETCH_MS = 5_000;
const CODEC_CHECK_MS = 2_000;

async function start(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element.');
  // The language chosen in the app, else the OS's or browser's (in Electron, navigator reflects the app locale).
  applyLanguage(preferredLanguage(browserLanguageStorage(), navigator.languages ?? [navigator.language]));
  const { platform, Overlay } = await choosePlatform();
  const serverUrl = await platform.serverUrl();
  createRoot(root).render(<App platform={platform} serverUrl={serverUrl} Overlay={Overlay} />);
  // zod and the contract's schemas are not part of the first load: fetched once the page is idle (at the latest
  // after VALIDATION_PREFETCH_MS), before a Sign in or a request needs them (they load on first use anyway).
  whenIdle(() => void loadValidation().catch(() => undefined), VALIDATION_PREFETCH_MS);
  // Whether calls may offer H.264 first takes a short test send (codecReordering.ts): started now, not when the
  // pre-join screen opens, so it has answered before the first call is placed (until then calls offer VP8 first).
  whenIdle(
    () =>
      void import('./call/codecReordering.js').then(
        ({ codecReordering }) => codecReordering.check(),
        () => undefined,
      ),
    CODEC_CHECK_MS,
  );
}

start().catch((error: unknown) => {
  console.error('[wava] could not start', error);
  removeSignInShell(document);
  const root = document.getElementById('root');
  if (root) root.textContent = i18n.t('app.couldNotStart');
});
