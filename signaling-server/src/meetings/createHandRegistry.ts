import type { RaisedHand } from '@wava/protocol';

/** What a raise or lower did, and the hands up right after it (in the order they went up). */
export interface HandChange {
  /** False when that hand was already up (raise) or was not up (lower). */
  changed: boolean;
  hands: RaisedHand[];
}

/**
 * The raised hands of live meetings, in the order they went up (like seats: gone once the meeting is empty of
 * servers). One server keeps them in memory (this file); several keep them in Redis (createRedisHandRegistry).
 */
export interface HandRegistry {
  list(meetingId: string): Promise<RaisedHand[]>;
  raise(meetingId: string, peerId: string, at: number): Promise<HandChange>;
  lower(meetingId: string, peerId: string): Promise<HandChange>;
  clear(meetingId: string): Promise<void>;
}

export function createHandRegistry(): HandRegistry {
  const meetings = new Map<string, RaisedHand[]>();
  const list = (meetingId: string) => [...(meetings.get(meetingId) ?? [])];
  return {
    list: async (meetingId) => list(meetingId),
    async raise(meetingId, peerId, at) {
      const hands = meetings.get(meetingId) ?? [];
      if (hands.some((hand) => hand.peerId === peerId)) return { changed: false, hands: list(meetingId) };
      hands.push({ peerId, raisedAt: new Date(at).toISOString() });
      meetings.set(meetingId, hands);
      return { changed: true, hands: list(meetingId) };
    },
    async lower(meetingId, peerId) {
      const hands = meetings.get(meetingId);
      const index = hands?.findIndex((hand) => hand.peerId === peerId) ?? -1;
      if (!hands || index < 0) return { changed: false, hands: list(meetingId) };
      hands.splice(index, 1);
      if (hands.length === 0) meetings.delete(meetingId);
      return { changed: true, hands: list(meetingId) };
    },
    clear: async (meetingId) => void meetings.delete(meetingId),
  };
}
