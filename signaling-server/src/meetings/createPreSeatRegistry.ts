import type { PeerSeat } from './createRoomRegistry.js';

/** A peer id handed out before joining (`meeting:prepare`), held by one Socket.io connection. */
export interface PreSeat extends PeerSeat {
  readonly socketId: string;
}

/**
 * Pre-seats: at most one per connection, in memory. A pre-seat is no seat (RoomRegistry knows nothing of it):
 * its PeerJS websocket may open, inert, until the same connection joins that meeting and it becomes the seat.
 */
export interface PreSeatRegistry {
  /** The pre-seat of this exact token (same user, meeting and nonce) while it is held. */
  live(seat: PeerSeat): PreSeat | undefined;
  /** The pre-seat a connection holds. */
  of(socketId: string): PreSeat | undefined;
  /** Holds `preSeat` for its connection; returns the one it replaces, if any. */
  hold(preSeat: PreSeat): PreSeat | undefined;
  /** Frees the pre-seat of a connection; returns it. */
  release(socketId: string): PreSeat | undefined;
  size(): number;
}

export function createPreSeatRegistry(): PreSeatRegistry {
  const bySocket = new Map<string, PreSeat>();
  const byPeer = new Map<string, PreSeat>();
  const release = (socketId: string) => {
    const held = bySocket.get(socketId);
    if (!held) return undefined;
    bySocket.delete(socketId);
    byPeer.delete(held.peerId);
    return held;
  };
  return {
    live(seat) {
      const held = byPeer.get(seat.peerId);
      return held?.seat === seat.seat && held.userId === seat.userId && held.meetingId === seat.meetingId
        ? held
        : undefined;
    },
    of: (socketId) => bySocket.get(socketId),
    hold(preSeat) {
      const previous = release(preSeat.socketId);
      const frozen = Object.freeze({ ...preSeat });
      bySocket.set(preSeat.socketId, frozen);
      byPeer.set(preSeat.peerId, frozen);
      return previous;
    },
    release,
    size: () => bySocket.size,
  };
}
