import type { ReconnectPolicy } from './reconnectPolicy.js';

/** When the policy gives up, keep trying this often: a meeting never stops reconnecting by itself. */
const FLOOR_MS = 30_000;

/** One pending retry at a time, spaced by the reconnect policy; `reset` after a success starts the backoff over. */
export class RetryTimer {
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private beyondPolicy = false;

  constructor(private readonly policy: ReconnectPolicy) {}

  get pending(): boolean {
    return this.timer !== null;
  }

  /** The policy has given up since the last `reset`: retries now come every 30 s. */
  get exhausted(): boolean {
    return this.beyondPolicy;
  }

  /** Runs `task` after the next backoff delay (or `delayMs`), unless a retry is already pending. */
  schedule(task: () => void, delayMs: number | null = null): void {
    if (this.timer !== null) return;
    this.attempt += 1;
    const policyDelay = delayMs ?? this.policy.nextDelayMs(this.attempt);
    if (policyDelay === null) this.beyondPolicy = true;
    const delay = policyDelay ?? FLOOR_MS;
    this.timer = setTimeout(() => {
      this.timer = null;
      task();
    }, delay);
  }

  reset(): void {
    this.attempt = 0;
    this.beyondPolicy = false;
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
