import { createTrackedQueue, type TrackedQueue } from './createTrackedQueue.js';
import { MESH, type SfuPlacement } from './SfuStore.js';

/**
 * A room the meeting just left for the mesh, kept for the grace (WAVA_SFU_MESH_GRACE) so that clients keep
 * their SFU media until their mesh calls show pictures (make before break). The mesh placement still names it
 * (so it counts where meetings are placed) until the grace is over; if the meeting grows again meanwhile it goes
 * back into this room, and these tokens are its seats' again.
 */
export interface RetiringRoom {
  placement: SfuPlacement;
  /** peer id -> this server's seat's token in that room, still valid until the grace is over. */
  tokens: Map<string, string>;
  /** When the grace is over here (this server's clock: only this server reads it). */
  until: number;
  /** Ends the grace (or tries to end it again: see GRACE_END_RETRY_MS). */
  timer: NodeJS.Timeout;
  /** How many times ending it failed so far. */
  endFailures: number;
}

/** What this server knows and holds of one live meeting (the SFU controller's, one per meeting). */
export interface SfuMeetingState {
  /** The placement this server last acted on (the store has the truth). */
  placement: SfuPlacement;
  /** peer id -> this server's seat's token, in SFU mode. */
  tokens: Map<string, string>;
  /** Rooms left for the mesh whose tokens and room live on for the grace, by room. */
  retiring: Map<string, RetiringRoom>;
  /** Every change of this meeting, in order. */
  queue: TrackedQueue;
  /** peer id -> the timer that frees a seat whose connection dropped, unless it comes back first. */
  parked: Map<string, NodeJS.Timeout>;
  /** peer id -> when its refused token was last checked with Janus (Infinity while that check is going on). */
  refusals: Map<string, number>;
  /** user id -> the timer that ends their bench (no SFU token meanwhile: they published under another's id). */
  benched: Map<string, NodeJS.Timeout>;
}

/** A meeting in the mesh, holding nothing yet; `failed` hears a change of its queue that threw. */
export function createSfuMeetingState(failed: (error: unknown) => void): SfuMeetingState {
  return {
    placement: MESH,
    tokens: new Map(),
    retiring: new Map(),
    queue: createTrackedQueue(failed),
    parked: new Map(),
    refusals: new Map(),
    benched: new Map(),
  };
}

/** Every peer id -> token map of this server's seats: the meeting's room's, then each room's in its grace. */
export function heldTokens(state: SfuMeetingState): Map<string, string>[] {
  return [state.tokens, ...[...state.retiring.values()].map((retiring) => retiring.tokens)];
}
