import type { MediaState, MeetingRole } from '@wava/protocol';
import type { CallState } from '../../call/callState.js';

/** One person of the meeting as the room features show them. */
export interface MeetingPerson {
  peerId: string;
  userId: string;
  displayName: string;
  /** Joined without an account. */
  guest: boolean;
  self: boolean;
  host: boolean;
  role: MeetingRole;
  media: MediaState;
}

/**
 * Everyone in the meeting, ourselves first, with their media and role (`roleOf`: from the host's controls; without
 * it, the meeting's creator hosts).
 */
export function meetingPeople(state: CallState, roleOf?: (userId: string) => MeetingRole): MeetingPerson[] {
  const hostId = state.meeting?.hostId ?? null;
  const role = roleOf ?? ((userId: string) => (userId === hostId ? 'host' : 'participant'));
  const people: MeetingPerson[] = [];
  const person = (
    peerId: string,
    userId: string,
    displayName: string,
    guest: boolean,
    self: boolean,
    media: MediaState,
  ) => {
    const personRole = role(userId);
    people.push({ peerId, userId, displayName, guest, self, host: personRole === 'host', role: personRole, media });
  };
  if (state.self) {
    const { peerId, userId, displayName, guest } = state.self;
    person(peerId, userId, displayName, guest === true, true, state.local);
  }
  for (const tile of state.remotes) person(tile.peerId, tile.userId, tile.displayName, tile.guest, false, tile.media);
  return people;
}

/** Where a person's hand is in the queue (1 for the first raised), or null when it is down. */
export function handPosition(hands: ReadonlyArray<{ peerId: string }>, peerId: string): number | null {
  const index = hands.findIndex((hand) => hand.peerId === peerId);
  return index < 0 ? null : index + 1;
}
