import type { MeetingPresence } from '../platform/Platform.js';
import { callReducer, INITIAL_CALL_STATE, type CallAction, type CallState } from './callState.js';
import { presenceOf, samePresence } from './presenceOf.js';

/**
 * The meeting's immutable snapshot and its listeners (React reads it through `useSyncExternalStore`).
 * Every change goes through the reducer; the shell hears when what it shows (tray, title) changes.
 *
 * While a call is being set up (offers, answers and ICE candidates all pass through this page's main thread),
 * the store can be held (`hold`): React then hears of changes once setup is done, in one go, instead of rendering
 * the meeting view or a new tile (tens of milliseconds) in the middle of it and delaying the first picture by as
 * much. What the person did themselves, errors and the end of the meeting are told at once.
 */
export class CallStore {
  private current: CallState = INITIAL_CALL_STATE;
  private readonly listeners = new Set<() => void>();
  private presence: MeetingPresence | null = null;
  /** Our screen is sent (from the share's start, before our own view shows it: meetingScreenShare.ts). */
  private sendingScreen = false;
  private holds = 0;
  /** A change listeners have not heard of because the store was held. */
  private untold = false;
  private readonly released: (() => void)[] = [];
  /** Tells listeners when the current held period has lasted its longest, however many holds overlap in it. */
  private heldPeriod: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly onPresence: (presence: MeetingPresence) => void) {}

  get state(): CallState {
    return this.current;
  }

  /** Joining or in the meeting; false before `join` and once it is over. */
  get active(): boolean {
    return this.current.phase === 'joining' || this.current.phase === 'in-meeting';
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CallState => this.current;

  dispatch(action: CallAction): void {
    const next = callReducer(this.current, action);
    if (next === this.current) return;
    this.current = next;
    this.updatePresence();
    if (this.holds > 0 && this.active && !toldAtOnce(action)) this.untold = true;
    else this.tell();
  }

  /** Our screen is sent, or no longer: the shell hears at once, whenever our own view shows it. */
  screenSent(sending: boolean): void {
    if (sending === this.sendingScreen) return;
    this.sendingScreen = sending;
    this.updatePresence();
  }

  private updatePresence(): void {
    const presence = presenceOf(this.current, this.sendingScreen);
    if (samePresence(this.presence, presence)) return;
    this.presence = presence;
    this.onPresence(presence);
  }

  /**
   * Listeners hear of changes once every hold is released (each lets go by itself after `maxMs`), in a task of
   * their own: the setup's next step (PeerJS sends the answer once `setLocalDescription` resolves) goes first.
   * Holds that overlap one another (people joining one after another) never keep them waiting longer than the
   * `maxMs` of the hold that began the held period: then, and every `maxMs` while holds remain, they hear anyway.
   * Returns the release; releasing twice does nothing.
   */
  hold(maxMs: number): () => void {
    this.holds += 1;
    if (this.holds === 1) this.holdAtMost(maxMs);
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      clearTimeout(timer);
      this.holds -= 1;
      if (this.holds > 0) return;
      clearTimeout(this.heldPeriod);
      setTimeout(() => this.flush(), 0);
    };
    const timer = setTimeout(release, maxMs);
    return release;
  }

  /** Runs `callback` once nothing holds the store, or the held period lasted its longest; at once when nothing does. */
  whenReleased(callback: () => void): void {
    if (this.holds === 0) callback();
    else this.released.push(callback);
  }

  /** The held period that began now tells listeners after `maxMs`, and again every `maxMs` while it lasts. */
  private holdAtMost(maxMs: number): void {
    this.heldPeriod = setTimeout(() => {
      if (this.holds === 0) return;
      this.deliver();
      this.holdAtMost(maxMs);
    }, maxMs);
  }

  private flush(): void {
    if (this.holds === 0) this.deliver();
  }

  private deliver(): void {
    if (this.untold) this.tell();
    for (const callback of this.released.splice(0)) callback();
  }

  private tell(): void {
    this.untold = false;
    for (const listener of [...this.listeners]) listener();
  }
}

/** What the person did (mute, camera, share) and errors are shown at once, even while call setup holds the store. */
function toldAtOnce(action: CallAction): boolean {
  return action.type === 'local-changed' || action.type === 'error' || action.type === 'share-replaced';
}
