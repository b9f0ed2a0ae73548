import type { App } from 'electron';
import type { Logger } from '../util/log.js';
import { guardNavigation } from '../windows/guardNavigation.js';

/**
 * Every webContents the app ever creates (including any a bug or an attacker might): no <webview>, no new
 * windows, no navigation away from our renderer. Registered before the first window exists.
 */
export function hardenAllWebContents(
  app: App,
  deps: { rendererOrigin: string; openExternal(url: string): void; log: Logger },
): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      deps.log.warn('<webview> refused');
    });
    guardNavigation(contents, deps);
  });
}
