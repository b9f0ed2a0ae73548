import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { LeaveReason, MeetingMode } from '@wava/protocol';
import type { Unsubscribe } from '../events/createListeners.js';
import type { LiveParticipant } from '../meetings/createRoomRegistry.js';
import type { ForwardedKind } from './createSfuModeration.js';

/** What /metrics shows of the SFU. */
export interface SfuStats {
  instances: number;
  instancesUp: number;
  meetings: number;
  participants: number;
  proxyConnections: number;
  /**
   * Meetings whose SFU state this server keeps: each with people here, and each whose room left for the mesh is
   * still in its grace here (a state kept past that would be a leak).
   */
  meetingsHeld: number;
}

/** A meeting in SFU mode goes back to the mesh when it shrinks to this many people. */
export const MESH_AGAIN_AT = 2;

/**
 * Which mode each live meeting is in, its VideoRoom room on one of the Janus instances, and each ready seat's
 * token there. Signaling tells it about seats (ready, freed); it tells Signaling what each seat must hear
 * (`onMode`). Every change of one meeting runs in that meeting's own queue, in order. The placement and the live
 * tokens are in an SfuStore (shared through Redis by several servers); each server issues and revokes the
 * tokens of its own seats, and whoever holds the meeting's lock creates, moves or destroys its room.
 */
export interface SfuController {
  /** The seat is ready (or moved to another connection of the same person): it learns the mode. */
  seatReady(entry: LiveParticipant): void;
  /**
   * The seat was freed: its token is revoked and its publisher kicked; the meeting may go back to mesh. A seat
   * freed because its connection dropped (`disconnected`) keeps its token (in the meeting's room, or in one it
   * left for the mesh and still in its grace), publisher and `/sfu` websocket for
   * WAVA_PEER_READY_TIMEOUT: a client that rejoins with its peer id in that time carries on with them.
   */
  seatFreed(entry: LiveParticipant, reason: LeaveReason): void;
  /** The meeting ended: its room is destroyed and every token revoked. */
  meetingEnded(meetingId: string): void;
  /**
   * This seat's mode once the meeting's pending changes are done (what `sfu:credentials` answers). `refused`: the
   * token Janus refused the seat; when it is the seat's own and Janus no longer knows it, the seat gets a new one.
   */
  modeFor(meetingId: string, peerId: string, refused?: string): Promise<MeetingMode>;
  /**
   * Host powers in SFU mode: whether Janus forwards this kind of the seat's media (false after a host muted it or
   * stopped its camera or screen; true once its owner turned it on again with the server's consent).
   */
  setForwarded(meetingId: string, peerId: string, kind: ForwardedKind, forwarded: boolean): void;
  /** The size limit a join into this meeting is checked against. */
  maxParticipants(meetingId: string): number;
  /** A seat must be told its mode (`meeting:mode`). */
  onMode(listener: (meetingId: string, peerId: string, mode: MeetingMode) => void): Unsubscribe;
  /** `/sfu` upgrades (true); other paths are left alone (false). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  stats(): SfuStats;
  /** Resolves once every instance was tried once (down ones keep retrying in the background). */
  start(): Promise<void>;
  /** Waits for the meetings' pending changes (bounded by the caller), then disconnects from every instance. */
  close(): Promise<void>;
}
