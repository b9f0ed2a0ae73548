import type { App } from 'electron';
import type { Disposable } from './Disposable.js';
import { drop, type Logger } from './log.js';
import type { PendingWork } from './PendingWork.js';

/** The longest quitting waits for background work; after that the app quits anyway. */
export const QUIT_WAIT_MS = 2_000;

/**
 * Quitting holds while `work` is busy, for `maxWaitMs` at most, then quits again. A quit another `before-quit`
 * listener already held (the meeting's quit prompt) is left to it: it quits again itself when it is done.
 */
export function waitBeforeQuit(
  app: App,
  work: Pick<PendingWork, 'busy' | 'settled'>,
  options: { maxWaitMs?: number; log: Logger },
): Disposable {
  /** Set once the wait is over: the next `before-quit` is ours and must go through (no loop). */
  let released = false;
  let waiting = false;

  async function waitThenQuit(): Promise<void> {
    try {
      const settled = await work.settled(options.maxWaitMs ?? QUIT_WAIT_MS);
      if (!settled) options.log.warn('background work did not finish in time; quitting anyway');
    } finally {
      released = true;
      app.quit();
    }
  }

  const onBeforeQuit = (event: Electron.Event) => {
    if (released || event.defaultPrevented) return;
    if (!waiting && !work.busy()) return;
    event.preventDefault();
    if (waiting) return;
    waiting = true;
    drop(waitThenQuit(), options.log, 'waiting for background work before quitting');
  };
  app.on('before-quit', onBeforeQuit);
  return { dispose: () => void app.removeListener('before-quit', onBeforeQuit) };
}
