/**
 * Holds the latest invite until the Wava window can take it: links arrive before the window exists on a cold
 * start (and on macOS even before the app is ready). Only the latest one is kept: it is what the person clicked last.
 */
export interface InviteInbox {
  put(code: string): void;
  /** The window's page is loaded: deliver what waits, and deliver later ones at once. */
  open(deliver: (code: string) => void): void;
  /** The window went away (reload, close): hold invites again. */
  close(): void;
}

export function createInviteInbox(): InviteInbox {
  let waiting: string | null = null;
  let deliver: ((code: string) => void) | null = null;
  return {
    put(code) {
      if (deliver) deliver(code);
      else waiting = code;
    },
    open(next) {
      deliver = next;
      if (waiting !== null) {
        const code = waiting;
        waiting = null;
        next(code);
      }
    },
    close() {
      deliver = null;
    },
  };
}
