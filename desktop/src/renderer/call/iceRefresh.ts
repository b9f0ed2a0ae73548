import type { IceConfig } from '@wava/protocol';
import { consoleLogger, type Logger } from '../util/logger.js';

/** Refresh this long before TURN credentials expire, or at 80 % of a shorter lifetime. */
const LEAD_MS = 60_000;
const MIN_DELAY_MS = 1_000;
const RETRY_MS = 10_000;

/** Milliseconds until ICE credentials expiring at `expiresAt` should be refreshed; null when they never expire. */
export function iceRefreshDelay(expiresAt: number | null, now: number): number | null {
  if (expiresAt === null) return null;
  const remaining = expiresAt - now;
  const lead = Math.min(LEAD_MS, remaining * 0.2);
  return Math.max(MIN_DELAY_MS, remaining - lead);
}

/**
 * Keeps TURN credentials fresh for long meetings: asks the server shortly before they expire and
 * hands the new configuration to `apply` (new calls and calls in progress). Retries on failure.
 */
export class IceRefresher {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly fetchIce: () => Promise<IceConfig | null>,
    private readonly apply: (ice: IceConfig) => void,
    private readonly logger: Logger = consoleLogger,
  ) {}

  /** Schedule the refresh of credentials that were just received (at join, resume or refresh). */
  track(ice: IceConfig): void {
    this.clear();
    if (this.stopped) return;
    const delay = iceRefreshDelay(ice.expiresAt, Date.now());
    if (delay !== null) this.timer = setTimeout(() => void this.refresh(ice), delay);
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private async refresh(previous: IceConfig): Promise<void> {
    this.timer = null;
    const ice = await this.fetchIce().catch(() => null);
    if (this.stopped) return;
    if (ice) {
      this.apply(ice);
      this.track(ice);
    } else if (previous.expiresAt !== null && previous.expiresAt > Date.now()) {
      this.timer = setTimeout(() => void this.refresh(previous), RETRY_MS);
    } else {
      // Expired and the server did not answer: the next join or resume brings fresh credentials.
      this.logger.warn('TURN credentials expired and could not be refreshed');
    }
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
