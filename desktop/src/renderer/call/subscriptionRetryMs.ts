const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

/**
 * How long to wait before asking for a failed SFU subscription again, after `failures` failures in a row: 1 s,
 * then 2, 4, 8, 16 and 30 s while it keeps failing (a Janus that refuses every request is not asked every second).
 */
export function subscriptionRetryMs(failures: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(failures - 1, 5)), LONGEST_RETRY_MS);
}
