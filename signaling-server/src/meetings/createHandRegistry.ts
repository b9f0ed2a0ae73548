import type { RaisedHand } from '@wava/protocol';

/** The raised hands of live meetings, in memory, in the order they went up (like seats: gone after a restart). */
export interface HandRegistry {
  list(meetingId: string): RaisedHand[];
  /** False when that hand was already up. */
  raise(meetingId: string, peerId: string, at: number): boolean;
  /** False when that hand was not up. */
  lower(meetingId: string, peerId: string): boolean;
  clear(meetingId: string): void;
}

export function createHandRegistry(): HandRegistry {
  const meetings = new Map<string, RaisedHand[]>();
  return {
    list: (meetingId) => [...(meetings.get(meetingId) ?? [])],
    raise(meetingId, peerId, at) {
      const hands = meetings.get(meetingId) ?? [];
      if (hands.some((hand) => hand.peerId === peerId)) return false;
      hands.push({ peerId, raisedAt: new Date(at).toISOString() });
      meetings.set(meetingId, hands);
      return true;
    },
    lower(meetingId, peerId) {
      const hands = meetings.get(meetingId);
      const index = hands?.findIndex((hand) => hand.peerId === peerId) ?? -1;
      if (!hands || index < 0) return false;
      hands.splice(index, 1);
      if (hands.length === 0) meetings.delete(meetingId);
      return true;
    },
    clear: (meetingId) => void meetings.delete(meetingId),
  };
}
