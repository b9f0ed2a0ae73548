import type { App } from 'electron';
import { englishText, type MainText } from '../i18n/mainText.js';
import type { ShellCommand } from '../../shared/ipcSchemas.js';
import type { Ask } from '../prompts/Prompt.js';
import type { Disposable } from '../util/Disposable.js';
import { drop, type Logger } from '../util/log.js';
import { quitPrompt } from './closePolicy.js';
import { leaveMeeting } from './leaveMeeting.js';
import type { PresenceStore } from './PresenceStore.js';

/**
 * Electron's autoUpdater. `before-quit-for-update` comes when an update's install quits the app; on macOS the windows
 * are closed before `before-quit`, so the close prompt must know the app is quitting by then.
 */
export interface UpdateQuitEvents {
  on(event: 'before-quit-for-update', listener: () => void): unknown;
  removeListener(event: 'before-quit-for-update', listener: () => void): unknown;
}

/**
 * Quitting (menu, tray, Cmd+Q) during a meeting asks first. "Leave Meeting and Quit" tells the page to leave (so
 * the others see the person go at once, not after a timeout) and waits for it, at most LEAVE_WAIT_MS, before
 * quitting. Returns whether the app is on its way out, which the close prompt reads so quitting never asks twice
 * (and a window closed by an update's install, or by the system shutting down, closes without asking or hiding).
 */
export function setupQuitPrompt(deps: {
  app: App;
  updater: UpdateQuitEvents;
  presence: PresenceStore;
  /** True when the main window exists and can be asked. */
  hasWindow(): boolean;
  ask: Ask;
  /** Dialog sentences in the system's language (English if absent). */
  text?: MainText;
  sendCommand(command: ShellCommand): void;
  /** How long to wait for the page to leave; LEAVE_WAIT_MS unless a test says otherwise. */
  leaveWaitMs?: number;
  log: Logger;
}): Disposable & { isQuitting(): boolean; markQuitting(): void; callOffQuitting(): void } {
  let quitting = false;
  /** A second Cmd+Q while the prompt is open (or while leaving) must not stack another prompt. */
  let busy = false;

  async function askThenQuit(): Promise<void> {
    if ((await deps.ask(quitPrompt(deps.text ?? englishText))) !== 'leave-and-quit') return;
    const left = await leaveMeeting({
      presence: deps.presence,
      sendCommand: deps.sendCommand,
      ...(deps.leaveWaitMs !== undefined ? { timeoutMs: deps.leaveWaitMs } : {}),
    });
    if (!left) deps.log.warn('the meeting did not end in time; quitting anyway');
    quitting = true;
    deps.app.quit();
  }

  const onBeforeQuit = (event: Electron.Event) => {
    if (quitting || !deps.presence.get().inMeeting || !deps.hasWindow()) {
      // A listener after this one may hold this quit (quitting's wait for sign-outs): the app is not on its way
      // out then, and a meeting joined meanwhile asks when the quit comes again.
      if (!quitting) setImmediate(() => void (event.defaultPrevented && (quitting = false)));
      quitting = true;
      return;
    }
    event.preventDefault();
    if (busy) return;
    busy = true;
    drop(
      askThenQuit().finally(() => {
        busy = false;
      }),
      deps.log,
      'quit prompt',
    );
  };
  const markQuitting = () => {
    quitting = true;
  };
  deps.app.on('before-quit', onBeforeQuit);
  deps.updater.on('before-quit-for-update', markQuitting);
  return {
    isQuitting: () => quitting,
    /** The app is on its way out another way (the system shutting down): quitting and closing no longer ask. */
    markQuitting,
    /**
     * The app did not quit after all (an update's install failed after the windows had closed for it, macOS):
     * quitting and closing during a meeting ask again.
     */
    callOffQuitting: () => {
      quitting = false;
    },
    dispose() {
      deps.app.removeListener('before-quit', onBeforeQuit);
      deps.updater.removeListener('before-quit-for-update', markQuitting);
    },
  };
}
