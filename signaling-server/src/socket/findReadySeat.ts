import { AppError } from '../errors/AppError.js';
import type { LiveParticipant } from '../meetings/createRoomRegistry.js';
import type { SignalingContext } from './SignalingContext.js';
import type { Membership, WavaSocket } from './socketTypes.js';

/** Someone's ready seat in a meeting, and the connection holding it (maybe another server's). */
export type ReadySeat = Pick<LiveParticipant, 'participant' | 'socketId'>;

/**
 * `peerId`'s ready seat in the meeting of `membership`: on this server, or (several servers) held through another;
 * null when they are not (or no longer) in the meeting, or not ready yet.
 */
export async function findReadySeat(
  ctx: Pick<SignalingContext, 'rooms' | 'ledger'>,
  membership: Membership,
  peerId: string,
): Promise<ReadySeat | null> {
  const here = ctx.rooms.get(membership.meetingId, peerId);
  if (here?.ready) return here;
  return (await ctx.ledger?.readySeat(peerId, membership.peerId)) ?? null;
}

/** The connection holding a seat, to emit to: directly on this server, through the Redis adapter on another. */
export function seatConnection(ctx: Pick<SignalingContext, 'io'>, seat: ReadySeat) {
  return ctx.io.of('/').sockets.get(seat.socketId) ?? ctx.io.to(seat.socketId);
}

/**
 * This connection's own ready seat (its PeerJS websocket open, so announced to the meeting): what every room,
 * moderation, lobby and SFU request needs first. NOT_IN_MEETING otherwise, also for a seat another connection holds.
 */
export function ownReadySeat(
  socket: WavaSocket,
  rooms: SignalingContext['rooms'],
): { membership: Membership; entry: LiveParticipant } {
  const membership = socket.data.membership;
  const entry = membership && rooms.get(membership.meetingId, membership.peerId);
  if (!membership || !entry || entry.socketId !== socket.id || !entry.ready) throw new AppError('NOT_IN_MEETING');
  return { membership, entry };
}
