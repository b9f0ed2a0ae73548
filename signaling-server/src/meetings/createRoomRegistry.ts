import type { Participant } from '@wava/protocol';

/** A seat as a verified peer token names it. */
export interface PeerSeat {
  peerId: string;
  userId: string;
  meetingId: string;
  seat: string;
}

/** One person in a live meeting, as the server tracks them. Entries are replaced, never changed. */
export interface LiveParticipant {
  readonly participant: Participant;
  readonly meetingId: string;
  /** The socket.io connection that holds this seat. */
  readonly socketId: string;
  /**
   * A random nonce of this seat, new at every join and resume. Peer tokens carry it: a PeerJS websocket
   * opens only for the live seat's nonce, so a token dies with its seat.
   */
  readonly seat: string;
  /**
   * True once the seat's PeerJS websocket opened on this server: only then is the participant announced,
   * listed, sent room events and called.
   */
  readonly ready: boolean;
}

/**
 * Who is in which meeting right now, in memory. Meetings themselves are in the database; seats are not:
 * after a restart, clients rejoin.
 */
export interface RoomRegistry {
  list(meetingId: string): LiveParticipant[];
  get(meetingId: string, peerId: string): LiveParticipant | undefined;
  /** The entry of this exact seat while it is live (same user, same meeting, same nonce). */
  live(seat: PeerSeat): LiveParticipant | undefined;
  /**
   * Whether anyone holds a seat, ready or not: a meeting someone is in, or on their way into (a seat waits for
   * its PeerJS websocket at most WAVA_PEER_READY_TIMEOUT), is not idle.
   */
  occupied(meetingId: string): boolean;
  /** Seats taken, ready or not, not counting `exceptPeerId` (a participant resuming their own seat). */
  count(meetingId: string, exceptPeerId?: string): number;
  /** Ready seats, not counting `exceptPeerId`. */
  readyCount(meetingId: string, exceptPeerId?: string): number;
  /** Seats of `userId` in the meeting, ready or not, not counting `exceptPeerId`. */
  seatsOf(meetingId: string, userId: string, exceptPeerId?: string): number;
  /** Seats of `userId` in the meeting still waiting for their PeerJS websocket, not counting `exceptPeerId`. */
  pendingOf(meetingId: string, userId: string, exceptPeerId?: string): number;
  /** Takes a seat, replacing any earlier seat with the same peer id (a resume). */
  add(entry: LiveParticipant): void;
  /** Replaces a seat's entry with `change` applied; returns the new entry, or undefined when there is no such seat. */
  update(
    meetingId: string,
    peerId: string,
    change: Partial<Pick<LiveParticipant, 'participant' | 'ready'>>,
  ): LiveParticipant | undefined;
  /** Frees a seat, only if it is still held by `socketId`. Returns what was removed. */
  remove(meetingId: string, peerId: string, socketId: string): LiveParticipant | undefined;
  /** Frees every seat of a meeting. */
  clear(meetingId: string): LiveParticipant[];
  stats(): { meetings: number; participants: number };
}

export function createRoomRegistry(): RoomRegistry {
  const rooms = new Map<string, Map<string, LiveParticipant>>();
  let participants = 0;
  const entries = (meetingId: string) => [...(rooms.get(meetingId)?.values() ?? [])];
  const countWhere = (meetingId: string, keep: (entry: LiveParticipant) => boolean) =>
    entries(meetingId).filter(keep).length;

  return {
    list: entries,
    get: (meetingId, peerId) => rooms.get(meetingId)?.get(peerId),
    live(seat) {
      const entry = rooms.get(seat.meetingId)?.get(seat.peerId);
      return entry?.seat === seat.seat && entry.participant.userId === seat.userId ? entry : undefined;
    },
    occupied: (meetingId) => rooms.has(meetingId),
    count: (meetingId, exceptPeerId) => countWhere(meetingId, (entry) => entry.participant.peerId !== exceptPeerId),
    readyCount: (meetingId, exceptPeerId) =>
      countWhere(meetingId, (entry) => entry.ready && entry.participant.peerId !== exceptPeerId),
    seatsOf: (meetingId, userId, exceptPeerId) =>
      countWhere(
        meetingId,
        (entry) => entry.participant.userId === userId && entry.participant.peerId !== exceptPeerId,
      ),
    pendingOf: (meetingId, userId, exceptPeerId) =>
      countWhere(
        meetingId,
        (entry) => !entry.ready && entry.participant.userId === userId && entry.participant.peerId !== exceptPeerId,
      ),
    add(entry) {
      let room = rooms.get(entry.meetingId);
      if (!room) {
        room = new Map();
        rooms.set(entry.meetingId, room);
      }
      if (!room.has(entry.participant.peerId)) participants += 1;
      room.set(entry.participant.peerId, Object.freeze({ ...entry }));
    },
    update(meetingId, peerId, change) {
      const room = rooms.get(meetingId);
      const entry = room?.get(peerId);
      if (!room || !entry) return undefined;
      const updated = Object.freeze({ ...entry, ...change });
      room.set(peerId, updated);
      return updated;
    },
    remove(meetingId, peerId, socketId) {
      const room = rooms.get(meetingId);
      const entry = room?.get(peerId);
      if (!room || !entry || entry.socketId !== socketId) return undefined;
      room.delete(peerId);
      participants -= 1;
      if (room.size === 0) rooms.delete(meetingId);
      return entry;
    },
    clear(meetingId) {
      const room = rooms.get(meetingId);
      if (!room) return [];
      rooms.delete(meetingId);
      participants -= room.size;
      return [...room.values()];
    },
    stats: () => ({ meetings: rooms.size, participants }),
  };
}
