import type { MediaState } from '@wava/protocol';
import type { CallState } from '../../call/callState.js';

/** One person of the meeting as the room features show them. */
export interface MeetingPerson {
  peerId: string;
  displayName: string;
  /** Joined without an account. */
  guest: boolean;
  self: boolean;
  host: boolean;
  media: MediaState;
}

/** Everyone in the meeting, ourselves first, with their media and whether they host it. */
export function meetingPeople(state: CallState): MeetingPerson[] {
  const hostId = state.meeting?.hostId ?? null;
  const people: MeetingPerson[] = [];
  if (state.self) {
    people.push({
      peerId: state.self.peerId,
      displayName: state.self.displayName,
      guest: state.self.guest === true,
      self: true,
      host: state.self.userId === hostId,
      media: state.local,
    });
  }
  for (const tile of state.remotes) {
    people.push({
      peerId: tile.peerId,
      displayName: tile.displayName,
      guest: tile.guest,
      self: false,
      host: tile.userId === hostId,
      media: tile.media,
    });
  }
  return people;
}

/** Where a person's hand is in the queue (1 for the first raised), or null when it is down. */
export function handPosition(hands: ReadonlyArray<{ peerId: string }>, peerId: string): number | null {
  const index = hands.findIndex((hand) => hand.peerId === peerId);
  return index < 0 ? null : index + 1;
}
