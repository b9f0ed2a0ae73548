import { safeStorage, dialog, type BrowserWindow } from 'electron';
import { createApiClient } from '@wava/protocol';
import { wavaIpc } from '../../shared/ipcContract.js';
import type { IpcRouter } from '../ipc/IpcRouter.js';
import { sendEvent } from '../ipc/sendEvent.js';
import { drop, type Logger } from '../util/log.js';
import { createAuthService, type AuthService } from './AuthService.js';
import type { KeyValueStore } from './KeyValueStore.js';
import { safeStorageCipher } from './safeStorageCipher.js';
import { createTokenVault } from './TokenVault.js';

export interface AuthDeps {
  router: IpcRouter;
  store: KeyValueStore;
  serverUrl(): string;
  allowInsecureStorage: boolean;
  /** A sign-in or registration succeeded on this server. */
  onSignedIn(serverOrigin: string): void;
  window(): BrowserWindow | null;
  log: Logger;
}

/** Sign-in over IPC. Main does the HTTP (Node's fetch); the refresh token stays here, in the vault. */
export function setupAuth(deps: AuthDeps): { auth: AuthService; dispose(): void } {
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
    if (!win) return;
    vault.markOptInAsked();
    const { response } = await dialog.showMessageBox(win, {
      type: 'warning',
      buttons: ['Sign Me In Each Time', 'Stay Signed In Anyway'],
      defaultId: 0,
      cancelId: 0,
      message: 'Wava cannot protect your sign-in on this computer',
      detail:
        status.protection === 'basic-text'
          ? 'No system keyring (such as GNOME Keyring or KWallet) is available, so a saved sign-in could be read by ' +
            'other programs running as you. Wava keeps you signed in only until you quit, unless you choose otherwise.'
          : 'This system offers no way to encrypt a saved sign-in. Wava keeps you signed in only until you quit, ' +
            'unless you choose otherwise.',
    });
    const next = await vault.setInsecureOptIn(response === 1);
    if (win && !win.isDestroyed()) sendEvent(win.webContents, wavaIpc.auth.onStorageChanged, next);
  }

  const disposers = [
    deps.router.handle(wavaIpc.auth.register, 'main', (request) => auth.register(request)),
    deps.router.handle(wavaIpc.auth.login, 'main', (request) => auth.login(request)),
    deps.router.handle(wavaIpc.auth.restore, 'main', () => auth.restore()),
    deps.router.handle(wavaIpc.auth.accessToken, 'main', ({ force }) => auth.accessToken(force)),
    deps.router.handle(wavaIpc.auth.logout, 'main', () => auth.logout()),
    deps.router.handle(wavaIpc.auth.storage, 'main', () => vault.status()),
  ];
  return { auth, dispose: () => disposers.forEach((dispose) => dispose()) };
}
