import { dialog, type App, type BrowserWindow } from 'electron';
import { drop, type Logger } from '../util/log.js';
import type { PresenceStore } from './PresenceStore.js';

/**
 * Quitting (menu, tray, Cmd+Q) during a meeting asks first, since it leaves the meeting. Returns whether the app
 * is on its way out, which the close prompt reads so that quitting never asks twice.
 */
export function setupQuitPrompt(deps: {
  app: App;
  presence: PresenceStore;
  window(): BrowserWindow | null;
  log: Logger;
}) {
  let quitting = false;
  /** A second Cmd+Q while the prompt is open must not stack another prompt. */
  let asking = false;
  deps.app.on('before-quit', (event) => {
    const win = deps.window();
    if (quitting || !deps.presence.get().inMeeting || !win || win.isDestroyed()) {
      quitting = true;
      return;
    }
    event.preventDefault();
    if (asking) return;
    asking = true;
    drop(
      dialog
        .showMessageBox(win, {
          type: 'question',
          buttons: ['Leave Meeting and Quit', 'Cancel'],
          defaultId: 0,
          cancelId: 1,
          message: 'You are in a meeting',
          detail: 'Quitting Wava leaves the meeting.',
        })
        .then(({ response }) => {
          if (response !== 0) return;
          quitting = true;
          deps.app.quit();
        })
        .finally(() => {
          asking = false;
        }),
      deps.log,
      'quit prompt',
    );
  });
  return { isQuitting: () => quitting };
}
