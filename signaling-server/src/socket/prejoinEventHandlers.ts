import { randomBytes } from 'node:crypto';
import { PEER_PATH } from '@wava/protocol';
import type { MeetingWithHost } from '../db/Storage.js';
import { AppError } from '../errors/AppError.js';
import type { PreSeat } from '../meetings/createPreSeatRegistry.js';
import type { EventHandlers } from './registerEventHandlers.js';
import type { SignalingContext } from './SignalingContext.js';
import type { WavaSocket } from './socketTypes.js';

export interface PrejoinEventHandlers extends Pick<EventHandlers, 'meeting:prepare'> {
  /** The pre-seat this connection holds for `meetingId`, if any: `meeting:join` makes it the seat. */
  preparedFor(meetingId: string): PreSeat | undefined;
  /** The join went through with `preSeat` as its seat: it is no pre-seat any more (its websocket stays). */
  taken(preSeat: PreSeat): void;
  /** The connection closed: its pre-seat is freed and its PeerJS websocket closed. */
  release(): void;
}

/**
 * `meeting:prepare`: a peer id and token handed out while the pre-join screen shows, so that the PeerJS
 * websocket is open before Join and joining is one message. One pre-seat per connection; minting counts against
 * the account's peer-token limit, the look-up against the meeting-code throttle, and its PeerJS websocket against
 * the account's PeerJS connections. Several servers hold no pre-seats (NOT_FOUND: join as before).
 */
export function prejoinEventHandlers(
  socket: WavaSocket,
  ctx: SignalingContext,
  /**
   * What `meeting:join` would refuse a new seat for (removed, locked, waiting room, a guest of another meeting):
   * a pre-seat's token is later accepted as a resumed seat, which those gates let through, so it is minted only
   * for someone who could join now.
   */
  mayEnter: (meeting: MeetingWithHost) => Promise<void>,
): PrejoinEventHandlers {
  const user = socket.data.user;

  function free(preSeat: PreSeat | undefined): void {
    if (preSeat) ctx.peers.seatFreed(preSeat.peerId, preSeat.seat);
  }

  return {
    async 'meeting:prepare'({ code }) {
      const prejoin = ctx.prejoin;
      if (!prejoin || ctx.ledger) throw new AppError('NOT_FOUND');
      if (socket.data.membership) throw new AppError('ALREADY_IN_MEETING');
      const meeting = await ctx.meetings.lookUp(code, { userId: user.id, ip: ctx.clientIp(socket.request) });
      await mayEnter(meeting);
      const limit = ctx.tokenLimiter.hit(user.id);
      if (!limit.allowed) throw new AppError('RATE_LIMITED', limit.retryAfterMs);
      if (!socket.connected || socket.data.membership) throw new AppError('NOT_IN_MEETING');
      const peerId = ctx.credentials.newPeerId(meeting.id);
      const seat = randomBytes(12).toString('base64url');
      const token = ctx.credentials.issue(peerId, user.id, meeting.id, seat);
      free(prejoin.preSeats.hold({ peerId, userId: user.id, meetingId: meeting.id, seat, socketId: socket.id }));
      return { peer: { ...token, path: PEER_PATH, key: ctx.credentials.key }, ice: ctx.iceConfig(user.id) };
    },

    preparedFor(meetingId) {
      const held = ctx.prejoin?.preSeats.of(socket.id);
      return held?.meetingId === meetingId ? held : undefined;
    },

    taken(preSeat) {
      const preSeats = ctx.prejoin?.preSeats;
      if (preSeats?.of(socket.id) === preSeat) preSeats.release(socket.id);
    },

    release() {
      free(ctx.prejoin?.preSeats.release(socket.id));
    },
  };
}
