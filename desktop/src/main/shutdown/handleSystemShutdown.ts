import type { ShellCommand } from '../../shared/ipcSchemas.js';
import { leaveMeeting } from '../meeting/leaveMeeting.js';
import type { PresenceStore } from '../meeting/PresenceStore.js';
import { drop, type Logger } from '../util/log.js';
import type { PendingWork } from '../util/PendingWork.js';
import { QUIT_WAIT_MS, type QuitWait } from '../util/waitBeforeQuit.js';

/** The system says it is shutting down, restarting or logging off (see systemShutdownEvents.ts). */
export interface ShutdownNotice {
  /**
   * Asks the system to wait until the app has quit (Linux, macOS); null where nothing can hold it (Windows: the
   * session ends, and the process may be ended as soon as the handler returns).
   */
  delay: (() => void) | null;
}

export interface SystemShutdownDeps {
  presence: PresenceStore;
  sendCommand(command: ShellCommand): void;
  /** Sign-outs the server has not heard yet. */
  signOuts: Pick<PendingWork, 'busy'>;
  /** Quitting's wait for them, the same one a quit makes. */
  quitWait: Pick<QuitWait, 'thenQuit'>;
  /** The quit prompt's: from now on quitting and closing the window do not ask. */
  markQuitting(): void;
  quit(): void;
  /** How long the page gets to leave the meeting; QUIT_WAIT_MS unless a test says otherwise. */
  leaveWaitMs?: number;
  log: Logger;
}

/**
 * The system shutting down gives no `before-quit` on Windows, and on Linux and macOS a quit held by the quit prompt
 * would cancel the shutdown (macOS) or leave a dialog nobody answers. So Wava does not ask: it leaves the meeting
 * (the others see the person go at once) and gives the sign-outs still on their way to the server the time the
 * system allows. On Linux and macOS it delays the shutdown, leaves (at most `leaveWaitMs`), waits for the sign-outs
 * (quitting's wait, at most QUIT_WAIT_MS), then quits. Windows allows no wait: the page is told to leave, and the
 * requests already sent go on until Windows ends the app. The stored sign-in was removed at sign-out either way.
 */
export function createShutdownHandler(deps: SystemShutdownDeps): (notice: ShutdownNotice) => void {
  const { log } = deps;
  let handled = false;

  async function leaveThenQuit(): Promise<void> {
    const left = await leaveMeeting({
      presence: deps.presence,
      sendCommand: deps.sendCommand,
      timeoutMs: deps.leaveWaitMs ?? QUIT_WAIT_MS,
    });
    if (!left) log.warn('the meeting did not end in time; quitting for the shutdown anyway');
    await deps.quitWait.thenQuit(() => {
      deps.quit();
      return true;
    });
  }

  return (notice) => {
    if (handled) return;
    const inMeeting = deps.presence.get().inMeeting;
    const signingOut = deps.signOuts.busy();
    // Nothing to finish: the system's own quit follows (Linux, macOS) or the process just ends (Windows).
    if (!inMeeting && !signingOut) return;
    handled = true;
    deps.markQuitting();
    log.info('the system is shutting down', { inMeeting, signingOut, canDelay: notice.delay !== null });
    if (!notice.delay) {
      if (inMeeting) deps.sendCommand('leave-meeting');
      if (signingOut) log.warn('the session ended with a sign-out still on its way to the server');
      return;
    }
    notice.delay();
    drop(leaveThenQuit(), log, 'quitting for the shutdown');
  };
}
