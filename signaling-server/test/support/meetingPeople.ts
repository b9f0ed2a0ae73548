import type { JoinResult, MeetingControls, Participant } from '@wava/protocol';
import type { PeerSocket } from './peerSocket.js';
import { connectSocket, joined, openPeerOf, recordEvents, request, roundTrip, type ClientSocket } from './sockets.js';
import type { TestUser } from './users.js';

/** Everything a person in a meeting can be told, recorded from the moment they connect. */
export const PERSON_EVENTS = [
  'participant:joined',
  'participant:updated',
  'participant:left',
  'moderation:state',
  'moderation:action',
  'moderation:removed',
  'meeting:ended',
  'chat:message',
];

export interface Person {
  user: TestUser;
  socket: ClientSocket;
  join: JoinResult;
  peer: PeerSocket;
  peerId: string;
  seen: Array<{ event: string; payload: unknown }>;
}

/** Connects, joins and opens the PeerJS websocket: a ready seat, recording what it is told. */
export async function enterMeeting(url: string, user: TestUser, code: string): Promise<Person> {
  const socket = await connectSocket(url, user.session.accessToken);
  const seen = recordEvents(socket, PERSON_EVENTS);
  const join = await joined(socket, code);
  const peer = await openPeerOf(socket, join);
  await roundTrip(socket);
  return { user, socket, join, peer, peerId: join.self.peerId, seen };
}

/** The payloads of `event` this person got, oldest first. */
export function eventsOf<T>(person: Person, event: string): T[] {
  return person.seen.filter((entry) => entry.event === event).map((entry) => entry.payload as T);
}

/** The latest controls this person was told. */
export function lastControls(person: Person): MeetingControls | undefined {
  return eventsOf<MeetingControls>(person, 'moderation:state').at(-1);
}

/** How `person` last heard of `peerId` (joined or updated), or undefined. */
export function lastHeardOf(person: Person, peerId: string): Participant | undefined {
  return person.seen
    .filter(
      (entry) =>
        (entry.event === 'participant:joined' || entry.event === 'participant:updated') &&
        (entry.payload as Participant).peerId === peerId,
    )
    .map((entry) => entry.payload as Participant)
    .at(-1);
}

export function send<T = unknown>(person: Person, event: string, payload: unknown = {}) {
  return request<T>(person.socket, event, payload);
}
