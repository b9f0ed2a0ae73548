import type { Result } from '@wava/protocol/plain';
import type { HeldSession } from './storedSession.js';

const DEFAULT_LEAD_MS = 60_000;
/** A timed refresh that failed for a passing reason is tried again after 5 s, then twice as long each time, up to 1 min. */
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 60_000;

export interface RefreshTimerOptions {
  /** Refresh the access token this long before it expires (a minute unless given). */
  leadMs?: number | undefined;
  refresh(): Promise<Result<unknown>>;
  /** Whether a timed refresh of `held` that failed is tried again: while `held` is still the one to refresh. */
  retries(held: HeldSession): boolean;
}

/** When a held session's access token is refreshed, on a timer and before it is used. */
export interface RefreshTimer {
  /** Whether its access token is still good to use: its refresh is not due yet. */
  isFresh(held: HeldSession): boolean;
  /** Refreshes `held` when due, instead of what the timer was set for. */
  start(held: HeldSession): void;
  stop(): void;
}

/**
 * The timed refresh of the session held. One that fails for a passing reason (no answer, the server busy) is tried
 * again with backoff while `retries` says so, so the token is fresh again soon after the server is back, rather
 * than at the moment a reconnect (a socket's handshake) needs one.
 */
export function createRefreshTimer(options: RefreshTimerOptions): RefreshTimer {
  const lead = options.leadMs ?? DEFAULT_LEAD_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const stop = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  /** A minute before expiry, or halfway through the token's life when it lives less than two minutes. */
  const refreshAt = (held: HeldSession) =>
    held.accessTokenExpiresAt - Math.min(lead, (held.accessTokenExpiresAt - held.receivedAt) / 2);

  function refreshLater(held: HeldSession, delay: number, failures: number): void {
    timer = setTimeout(() => {
      timer = null;
      void options.refresh().then((result) => {
        // A timer set meanwhile (the session replaced) has taken over.
        if (result.ok || timer !== null || !options.retries(held)) return;
        refreshLater(held, Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** failures), failures + 1);
      });
    }, delay);
  }

  return {
    isFresh: (held) => Date.now() < refreshAt(held),
    start(held) {
      stop();
      refreshLater(held, Math.max(0, refreshAt(held) - Date.now()), 0);
    },
    stop,
  };
}
