import type { App } from 'electron';
import type { Disposable } from './Disposable.js';
import { drop, type Logger } from './log.js';
import type { PendingWork } from './PendingWork.js';

/** The longest quitting waits for background work; after that the app quits anyway. */
export const QUIT_WAIT_MS = 2_000;

export interface QuitWait extends Disposable {
  /**
   * For a quit that does not start with `app.quit()` (an update's install, the system shutting down): waits for the
   * work the way a quit does (the same wait, if one is on), then calls `quit`, whose `before-quit` goes through
   * without waiting again. `quit` returns false (or throws) when it did not quit after all (the install was refused
   * meanwhile): the next quit waits again.
   */
  thenQuit(quit: () => boolean): Promise<void>;
  /**
   * A quit `thenQuit` let through did not happen after all, which showed only later (the update's installer failed
   * after `quit` returned: Squirrel.Mac reports it once the windows have closed): the next quit waits again.
   */
  calledOff(): void;
}

/**
 * Quitting holds while `work` is busy, for `maxWaitMs` at most, then quits again. A quit another `before-quit`
 * listener already held (the meeting's quit prompt) is left to it: it quits again itself when it is done. A quit
 * let through after the wait that a later listener holds (the prompt answered "Cancel") did not happen: the next
 * quit waits again.
 */
export function waitBeforeQuit(
  app: Pick<App, 'on' | 'removeListener' | 'quit'>,
  work: Pick<PendingWork, 'busy' | 'settled'>,
  options: { maxWaitMs?: number; log: Logger },
): QuitWait {
  /** Set once the wait is over and the app is quitting: the next `before-quit` is ours and goes through (no loop). */
  let released = false;
  /** The one wait, shared by every quit made while it runs. */
  let waiting: Promise<void> | null = null;
  /** A `before-quit` is held: the app quits again after the wait. */
  let holding = false;
  /** The `before-quit` last let through while released: another listener may still hold it (the quit prompt). */
  let letThrough: Electron.Event | null = null;

  function settle(): Promise<void> {
    waiting ??= work.settled(options.maxWaitMs ?? QUIT_WAIT_MS).then(
      (settled) => {
        if (!settled) options.log.warn('background work did not finish in time; quitting anyway');
      },
      (error: unknown) =>
        options.log.warn('waiting for background work failed; quitting anyway', { error: String(error) }),
    );
    return waiting;
  }

  /** Calls `quit` with the next `before-quit` let through; a quit that did not happen puts the wait back. */
  function release(quit: () => boolean): void {
    const alreadyQuitting = released;
    released = true;
    let quitting = false;
    try {
      quitting = quit();
    } finally {
      if (!quitting && !alreadyQuitting) {
        released = false;
        waiting = null;
      }
    }
  }

  /**
   * Quits again after a held quit's wait. A listener after this one may hold that quit in turn (the quit prompt,
   * answered "Cancel"): the app did not quit, so the next quit waits again.
   */
  function quitAgain(): boolean {
    letThrough = null;
    app.quit(); // sets letThrough (TypeScript cannot see that, hence the cast)
    return (letThrough as Electron.Event | null)?.defaultPrevented !== true;
  }

  const onBeforeQuit = (event: Electron.Event) => {
    if (released) {
      letThrough = event;
      return;
    }
    if (event.defaultPrevented) return;
    if (!waiting && !work.busy()) return;
    event.preventDefault();
    if (holding) return;
    holding = true;
    drop(
      settle().then(() => {
        holding = false;
        release(quitAgain);
      }),
      options.log,
      'waiting for background work before quitting',
    );
  };
  app.on('before-quit', onBeforeQuit);
  return {
    thenQuit(quit) {
      if (!waiting && !work.busy()) {
        try {
          release(quit);
          return Promise.resolve();
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return settle().then(() => release(quit));
    },
    calledOff() {
      if (!released) return;
      released = false;
      waiting = null;
      holding = false;
    },
    dispose: () => void app.removeListener('before-quit', onBeforeQuit),
  };
}
