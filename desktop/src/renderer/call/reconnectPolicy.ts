/**
 * When to try again after a media connection dropped or never came up. Injectable, so tests and
 * deployments can choose; the default backs off 0.5 s, 1 s, 2 s, 4 s … up to a cap, forever.
 */
export interface ReconnectPolicy {
  /** Delay before retry number `attempt` (1 for the first retry), or null to stop trying. */
  nextDelayMs(attempt: number): number | null;
}

export interface BackoffOptions {
  initialMs: number;
  factor: number;
  maxMs: number;
  /** Give up after this many retries; Infinity never gives up. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = Object.freeze({
  initialMs: 500,
  factor: 2,
  maxMs: 30_000,
  maxAttempts: Number.POSITIVE_INFINITY,
});

export function createBackoffPolicy(options: Partial<BackoffOptions> = {}): ReconnectPolicy {
  const { initialMs, factor, maxMs, maxAttempts } = { ...DEFAULT_BACKOFF, ...options };
  return {
    nextDelayMs(attempt) {
      if (!Number.isInteger(attempt) || attempt < 1 || attempt > maxAttempts) return null;
      return Math.min(maxMs, initialMs * factor ** (attempt - 1));
    },
  };
}
