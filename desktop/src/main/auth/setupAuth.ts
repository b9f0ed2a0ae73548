import { safeStorage, type App, type BrowserWindow } from 'electron';
import { englishText, type MainText } from '../i18n/mainText.js';
import { createApiClient } from '@wava/protocol';
import { wavaIpc } from '../../shared/ipcContract.js';
import type { IpcRouter } from '../ipc/IpcRouter.js';
import { sendEvent } from '../ipc/sendEvent.js';
import type { Ask } from '../prompts/Prompt.js';
import type { Disposable } from '../util/Disposable.js';
import { drop, type Logger } from '../util/log.js';
import { waitBeforeQuit, type QuitWait } from '../util/waitBeforeQuit.js';
import { createAuthService, type AuthService } from './AuthService.js';
import type { KeyValueStore } from './KeyValueStore.js';
import { safeStorageCipher } from './safeStorageCipher.js';
import { unprotectedStoragePrompt } from './storagePrompt.js';
import { createTokenVault } from './TokenVault.js';

export interface AuthDeps {
  app: App;
  router: IpcRouter;
  store: KeyValueStore;
  serverUrl(): string;
  allowInsecureStorage: boolean;
  /** A sign-in or registration succeeded on this server. */
  onSignedIn(serverOrigin: string): void;
  window(): BrowserWindow | null;
  ask: Ask;
  /** Dialog sentences in the system's language (English if absent). */
  text?: MainText;
  log: Logger;
}

/** Sign-in over IPC. Main does the HTTP (Node's fetch); the refresh token stays here, in the vault. */
export function setupAuth(deps: AuthDeps): Disposable & { auth: AuthService; quitWait: QuitWait } {
  const vault = createTokenVault({
    store: deps.store,
    cipher: safeStorageCipher(safeStorage, process.platform),
    allowInsecureStorage: deps.allowInsecureStorage,
    log: deps.log,
  });

  const auth = createAuthService({
    api: () => createApiClient(deps.serverUrl()),
    serverOrigin: deps.serverUrl,
    vault,
    now: Date.now,
    log: deps.log,
    onSignedIn: (origin) => {
      deps.onSignedIn(origin);
      drop(askAboutUnprotectedStorage(), deps.log, 'asking about sign-in storage');
    },
  });

  /** Where the OS cannot protect the token: say so once, and store it only if the person says so. */
  async function askAboutUnprotectedStorage(): Promise<void> {
    const status = await vault.status();
    if (status.protection === 'os-keystore' || !status.optInAllowed || vault.optInAsked()) return;
    const win = deps.window();
    if (!win || win.isDestroyed()) return;
    vault.markOptInAsked();
    const answer = await deps.ask(unprotectedStoragePrompt(status.protection, deps.text ?? englishText));
    const next = await vault.setInsecureOptIn(answer === 'stay-signed-in');
    if (!win.isDestroyed()) sendEvent(win.webContents, wavaIpc.auth.onStorageChanged, next);
  }

  // A sign-out still on its way to the server when the app quits: quitting waits for it a moment.
  const quitWait = waitBeforeQuit(deps.app, auth.signOuts, { log: deps.log });
  const disposers = [
    deps.router.handle(wavaIpc.auth.register, 'main', (request) => auth.register(request)),
    deps.router.handle(wavaIpc.auth.login, 'main', (request) => auth.login(request)),
    deps.router.handle(wavaIpc.auth.restore, 'main', () => auth.restore()),
    deps.router.handle(wavaIpc.auth.accessToken, 'main', ({ force }) => auth.accessToken(force)),
    deps.router.handle(wavaIpc.auth.logout, 'main', () => auth.logout()),
    deps.router.handle(wavaIpc.auth.storage, 'main', () => vault.status()),
    quitWait.dispose,
  ];
  return { auth, quitWait, dispose: () => disposers.forEach((dispose) => dispose()) };
}
