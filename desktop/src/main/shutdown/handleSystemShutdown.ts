import { missingCaseError } from '@wava/protocol';
import type { ShellCommand } from '../../shared/ipcSchemas.js';
import { leaveMeeting } from '../meeting/leaveMeeting.js';
import type { PresenceStore } from '../meeting/PresenceStore.js';
import { drop, type Logger } from '../util/log.js';
import type { PendingWork } from '../util/PendingWork.js';
import { QUIT_WAIT_MS, type QuitWait } from '../util/waitBeforeQuit.js';

/** The signals that ask a process to end gracefully (see shutdownSignals.ts). */
export type ShutdownSignal = 'SIGTERM' | 'SIGINT' | 'SIGHUP';

/** The system says it is shutting down, restarting or logging off (see systemShutdownEvents.ts, shutdownSignals.ts). */
export type ShutdownNotice =
  /**
   * Linux and macOS (powerMonitor): `delay()` asks the system to wait until the app has quit; when it is not
   * called, the system's own quit of the app follows.
   */
  | { kind: 'delayable'; delay(): void }
  /** Windows: the session ends, and the process may be ended as soon as the handler returns; nothing holds it. */
  | { kind: 'session-end' }
  /**
   * Linux and macOS: a signal asking the app to end (SIGTERM: logging off on Linux, `kill`, a service manager;
   * SIGINT: Ctrl+C in the terminal it was started from; SIGHUP: that terminal closed). Nothing quits the app but
   * Wava; whoever sent it may send SIGKILL later (systemd: 90 s after SIGTERM by default).
   */
  | { kind: 'signal'; signal: ShutdownSignal };

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
 * (quitting's wait, at most QUIT_WAIT_MS), then quits; a signal is handled the same way, and with nothing to finish
 * quits at once. Windows allows no wait: the page is told to leave, and the requests already sent go on until
 * Windows ends the app. The stored sign-in was removed at sign-out either way. Once it is on its way out, further
 * notices change nothing (a second signal included: the waits are bounded).
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
    const cause = notice.kind === 'signal' ? notice.signal : notice.kind;
    if (!inMeeting && !signingOut) {
      // Nothing to finish: the system's own quit follows (powerMonitor) or the process just ends (Windows); a
      // signal Wava listens for quits nothing by itself.
      if (notice.kind === 'signal') {
        log.info('asked to end: quitting', { cause });
        deps.quit();
      }
      return;
    }
    handled = true;
    deps.markQuitting();
    log.info('the system is shutting down', { inMeeting, signingOut, cause });
    switch (notice.kind) {
      case 'session-end':
        if (inMeeting) deps.sendCommand('leave-meeting');
        if (signingOut) log.warn('the session ended with a sign-out still on its way to the server');
        return;
      case 'delayable':
        notice.delay();
        break;
      case 'signal':
        break;
      default:
        throw missingCaseError(notice);
    }
    drop(leaveThenQuit(), log, 'quitting for the shutdown');
  };
}
