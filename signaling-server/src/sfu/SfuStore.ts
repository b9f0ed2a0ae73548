import type { Unsubscribe } from '../events/createListeners.js';

/**
 * Where one meeting is: a mesh, or a room on one Janus instance (by its WAVA_SFU_URLS address). A mesh placement
 * still names the room it left while that room is in its grace (WAVA_SFU_MESH_GRACE): the room counts on its
 * instance, and a meeting that grows again meanwhile goes back into it (same generation, same tokens).
 */
export interface SfuPlacement {
  mode: 'mesh' | 'sfu';
  /** Grows at every placement in a new room (each move to another room), so clients can tell old from new. */
  generation: number;
  instance: string | null;
  room: string | null;
  /**
   * A mesh placement naming a room: the time left of its grace, as the store measures it (Redis's own clock in a
   * cluster, never a server's: servers' clocks may disagree). Written once, when the meeting leaves the room for
   * the mesh; read, 0 once the grace is over. Past it the room is not gone back into, even if no server ended it
   * (the servers keeping it stopped meanwhile): its tokens may not have been revoked.
   */
  graceLeftMs?: number;
}

/** Whose seat an SFU token is, and for which placement of the meeting. */
export interface SfuTokenHolder {
  meetingId: string;
  peerId: string;
  generation: number;
}

/** Why the guard audits an instance: something happened there (a join, a leaver), or its regular sweep. */
export type AuditKind = 'trigger' | 'sweep';

/** How often one instance may be audited, by any server. */
export interface AuditPace {
  /** No audit of the instance sooner than this after the previous one ended. */
  minIntervalMs: number;
  /** A sweep is not needed within this long of an audit's start. */
  sweepMs: number;
}

/**
 * What `SfuStore.change` hands its callback: this server holds the meeting's lock. A write made with it checks, in
 * the same atomic step, that the lock is still this server's (held past its expiry, a long pause or a slow Redis,
 * it may be another's by then), and fails with SfuLockLostError otherwise, writing nothing.
 */
export interface SfuLock {
  readonly meetingId: string;
  /** The lock's value in the store (random, this holding's own). */
  readonly owner: string;
}

export const MESH: SfuPlacement = Object.freeze({ mode: 'mesh', generation: 0, instance: null, room: null });

/**
 * What every Wava server of a deployment must agree on about the SFU (src/sfu): each meeting's placement, the
 * meeting's ready seats, and which tokens are live. In memory for one server; in Redis with several
 * (cluster/createRedisSfuStore.ts). Each server issues and revokes the tokens of its own seats.
 */
export interface SfuStore {
  /** Several servers share this store: none may wipe a Janus instance's rooms and tokens when it connects. */
  shared: boolean;
  placement(meetingId: string): Promise<SfuPlacement>;
  /**
   * Runs `change` holding the meeting's lock (one server at a time): the placement it returns, if any, is stored
   * and every server is told (`onChanged`). Resolves with the meeting's tokens dropped with it, in the same step
   * (see dropTokens; none when nothing is stored). Rejects when the lock cannot be had, and with SfuLockLostError
   * when it was lost before the placement was stored (nothing stored nor dropped then: what `change` did beside
   * the store, a new room say, is for its caller to undo).
   */
  change(
    meetingId: string,
    change: (current: SfuPlacement, lock: SfuLock) => Promise<SfuPlacement | null>,
  ): Promise<string[]>;
  /** The meeting's ready seats on every server. */
  readyCount(meetingId: string): Promise<number>;
  /** Instance address -> meetings placed on it. */
  loads(): Promise<Map<string, number>>;
  addTokens(tokens: ReadonlyMap<string, SfuTokenHolder>): Promise<void>;
  /** The tokens stop admitting; every server closes their `/sfu` websockets (`onRevoked`). */
  removeTokens(tokens: readonly string[]): Promise<void>;
  holder(token: string): Promise<SfuTokenHolder | null>;
  /** The meeting's live tokens, every server's. */
  tokensOf(meetingId: string): Promise<string[]>;
  /**
   * Every live token of the meeting (every server's) stops admitting with the placement the change holding `lock`
   * stores, in the same step as that write (fenced by the lock: once it is lost, neither happens), and `change`
   * resolves with them: its room is ended for everyone (no server is left to revoke its own), and the caller takes
   * them out of Janus after the lock. A token added meanwhile is dropped with them or still listed after. Every
   * server closes its `/sfu` websockets of them (`onDropped`, once stored), but is not told they were revoked
   * (`onRevoked` is for a token a server must let go of at once): one still keeping such a token revokes it itself
   * when its own grace timer ends. Only within `change`, for a change that stores a placement (one storing none
   * drops nothing).
   */
  dropTokens(lock: SfuLock): void;
  /**
   * Meetings whose mesh placement still names a room whose grace is over: no server ended it (every server
   * keeping it stopped meanwhile), so whoever finds it ends it.
   */
  expiredGraces(): Promise<string[]>;
  /**
   * Meetings on the SFU that nobody is in any more on a live server: no ready seat there, and every live token
   * was issued by a server that is gone (stopped, or crashed and its liveness expired). Nothing else ends them:
   * whoever finds one puts it in a grace from then (people reconnecting meanwhile go back into its room). Each
   * with the placement judged so (to act on under its lock only if it is still that one).
   */
  abandoned(): Promise<{ meetingId: string; placement: SfuPlacement }[]>;
  /**
   * Whether nobody is in the meeting any more on a live server, as `abandoned` judges it (no ready seat there, no
   * live token issued by a live server): asked again under the meeting's lock before acting on that judgement.
   */
  leftByEveryServer(meetingId: string): Promise<boolean>;
  /**
   * Runs `audit` (the guard's audit of a whole direct-mode instance, by its WAVA_SFU_URLS address) as the one
   * audit of that instance for every server sharing the store: one at a time, `pace.minIntervalMs` apart; not at
   * all when another server's audit started after this call and has ended (it served this request too), nor, for
   * a sweep, when one started within `pace.sweepMs`.
   */
  auditInstance(instance: string, kind: AuditKind, pace: AuditPace, audit: () => Promise<void>): Promise<void>;
  /** Nobody is in the meeting on this server any more: what only this server remembers of it may go. */
  forget(meetingId: string): void;
  /** The meeting's placement changed (on any server). */
  onChanged(listener: (meetingId: string) => void): Unsubscribe;
  /** These tokens were revoked (on any server). */
  onRevoked(listener: (tokens: readonly string[]) => void): Unsubscribe;
  /** These tokens were dropped with their room (on any server): see dropTokens. */
  onDropped(listener: (tokens: readonly string[]) => void): Unsubscribe;
}

/** The meeting in the mesh, naming no room any more (its generation kept: a later room is a new one). */
export function meshWithoutRoom(placement: SfuPlacement): SfuPlacement {
  return { ...placement, mode: 'mesh', instance: null, room: null };
}
