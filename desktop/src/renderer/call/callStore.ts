import type { MeetingPresence } from '../platform/Platform.js';
import { callReducer, INITIAL_CALL_STATE, type CallAction, type CallState } from './callState.js';
import { presenceOf, samePresence } from './presenceOf.js';

/**
 * The meeting's immutable snapshot and its listeners (React reads it through `useSyncExternalStore`).
 * Every change goes through the reducer; the shell hears when what it shows (tray, title) changes.
 */
export class CallStore {
  private current: CallState = INITIAL_CALL_STATE;
  private readonly listeners = new Set<() => void>();
  private presence: MeetingPresence | null = null;

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
    const presence = presenceOf(next);
    if (!samePresence(this.presence, presence)) {
      this.presence = presence;
      this.onPresence(presence);
    }
    for (const listener of [...this.listeners]) listener();
  }
}
