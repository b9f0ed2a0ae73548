import type { App, WebContents } from 'electron';
import type { Disposable } from '../util/Disposable.js';
import type { Logger } from '../util/log.js';
import { guardNavigation } from '../windows/guardNavigation.js';

/**
 * Every webContents the app ever creates (including any a bug or an attacker might): no <webview>, no new
 * windows, no navigation away from our renderer. Registered before the first window exists.
 */
export function hardenAllWebContents(
  app: App,
  deps: { rendererOrigin: string; openExternal(url: string): void; log: Logger },
): Disposable {
  const harden = (_event: Electron.Event, contents: WebContents) => {
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      deps.log.warn('<webview> refused');
    });
    guardNavigation(contents, deps);
  };
  app.on('web-contents-created', harden);
  return { dispose: () => void app.removeListener('web-contents-created', harden) };
}
