import type { Participant } from '@wava/protocol';

/** One person in a live meeting, as the server tracks them. */
export interface LiveParticipant {
  participant: Participant;
  meetingId: string;
  /** The socket.io connection that holds this seat. */
  socketId: string;
  /**
   * A random nonce of this seat, new at every join and resume. Peer tokens carry it: a PeerJS websocket
   * opens only for the live seat's nonce, so a token dies with its seat.
   */
  seat: string;
  /**
   * True once the seat's PeerJS websocket opened on this server: only then is the participant announced,
   * listed, sent room events and called.
   */
  ready: boolean;
}

/**
 * Who is in which meeting right now, in memory. Meetings themselves are in the database; seats are not:
 * after a restart, clients rejoin.
 */
export interface RoomRegistry {
  list(meetingId: string): LiveParticipant[];
  get(meetingId: string, peerId: string): LiveParticipant | undefined;
  /** Seats taken, ready or not, not counting `exceptPeerId` (a participant resuming their own seat). */
  count(meetingId: string, exceptPeerId?: string): number;
  /** Ready seats, not counting `exceptPeerId`. */
  readyCount(meetingId: string, exceptPeerId?: string): number;
  /** Seats of `userId` in the meeting still waiting for their PeerJS websocket, not counting `exceptPeerId`. */
  pendingOf(meetingId: string, userId: string, exceptPeerId?: string): number;
  /** Takes a seat, replacing any earlier seat with the same peer id (a resume). */
  add(entry: LiveParticipant): void;
  /** Frees a seat, only if it is still held by `socketId`. Returns what was removed. */
  remove(meetingId: string, peerId: string, socketId: string): LiveParticipant | undefined;
  /** Frees every seat of a meeting. */
  clear(meetingId: string): LiveParticipant[];
  stats(): { meetings: number; participants: number };
}

export function createRoomRegistry(): RoomRegistry {
  const rooms = new Map<string, Map<string, LiveParticipant>>();
  let participants = 0;

  return {
    list: (meetingId) => [...(rooms.get(meetingId)?.values() ?? [])],
    get: (meetingId, peerId) => rooms.get(meetingId)?.get(peerId),
    count(meetingId, exceptPeerId) {
      const room = rooms.get(meetingId);
      if (!room) return 0;
      return room.size - (exceptPeerId !== undefined && room.has(exceptPeerId) ? 1 : 0);
    },
    readyCount(meetingId, exceptPeerId) {
      let ready = 0;
      for (const entry of rooms.get(meetingId)?.values() ?? []) {
        if (entry.ready && entry.participant.peerId !== exceptPeerId) ready += 1;
      }
      return ready;
    },
    pendingOf(meetingId, userId, exceptPeerId) {
      let pending = 0;
      for (const entry of rooms.get(meetingId)?.values() ?? []) {
        if (!entry.ready && entry.participant.userId === userId && entry.participant.peerId !== exceptPeerId)
          pending += 1;
      }
      return pending;
    },
    add(entry) {
      let room = rooms.get(entry.meetingId);
      if (!room) {
        room = new Map();
        rooms.set(entry.meetingId, room);
      }
      if (!room.has(entry.participant.peerId)) participants += 1;
      room.set(entry.participant.peerId, entry);
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
