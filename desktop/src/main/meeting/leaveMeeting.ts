import type { ShellCommand } from '../../shared/ipcSchemas.js';
import type { PresenceStore } from './PresenceStore.js';

/** How long closing or quitting waits for the page to leave the meeting (tell the server, hang up) before going. */
export const LEAVE_WAIT_MS = 5000;

/**
 * Asks the page to leave the meeting, the way its own Leave button does, and resolves once it reports that it
 * left (true) or after `timeoutMs` (false), so that closing or quitting never hangs on a page that does not answer.
 */
export function leaveMeeting(deps: {
  presence: PresenceStore;
  sendCommand(command: ShellCommand): void;
  timeoutMs?: number;
}): Promise<boolean> {
  const { presence } = deps;
  if (!presence.get().inMeeting) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(false);
    }, deps.timeoutMs ?? LEAVE_WAIT_MS);
    const stop = presence.onChange((now) => {
      if (now.inMeeting) return;
      clearTimeout(timer);
      stop();
      resolve(true);
    });
    deps.sendCommand('leave-meeting');
  });
}
