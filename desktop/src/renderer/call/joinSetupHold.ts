import type { CallStore } from './callStore.js';

/**
 * At most this long after Join, the meeting view waits for the join's answer and the calls it places to be set
 * up (see `afterCallSetup`).
 */
const JOIN_SETUP_HOLD_MS = 400;

/**
 * The store held from Join until the join's answer placed its calls (`MeetingClient.join`): the meeting view's first
 * render (tens of milliseconds) then comes after call setup instead of delaying the first picture.
 */
export class JoinSetupHold {
  private releaseHold: () => void = () => undefined;

  constructor(private readonly store: Pick<CallStore, 'hold' | 'whenReleased'>) {}

  /** Join was pressed: hold the store, at most `JOIN_SETUP_HOLD_MS`. */
  start(): void {
    this.releaseHold = this.store.hold(JOIN_SETUP_HOLD_MS);
  }

  /** The join's answer placed its calls, or the join ended; releasing twice does nothing. */
  release(): void {
    this.releaseHold();
  }

  /**
   * Runs `show` once the join's calls no longer need the main thread (their offers and answers are through, or
   * a few hundred milliseconds have passed), or at once when nothing is being set up.
   */
  afterCallSetup(show: () => void): void {
    let shown = false;
    const once = () => {
      if (shown) return;
      shown = true;
      clearTimeout(latest);
      show();
    };
    // However many calls are set up meanwhile (more people joining), never later than this.
    const latest = setTimeout(once, 2 * JOIN_SETUP_HOLD_MS);
    this.store.whenReleased(once);
  }
}
