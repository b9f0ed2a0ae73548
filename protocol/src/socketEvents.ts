import { z } from 'zod';
import { apiErrorSchema } from './apiErrorSchema.js';
import { iceConfigSchema, meetingCodeSchema, meetingSchema } from './http.js';
import { lobbyClientEvents, lobbyServerEvents } from './lobbyEvents.js';
import {
  chatClearedSchema,
  chatHistorySchema,
  chatMessageSchema,
  chatSendSchema,
  handLowerSchema,
  handsSchema,
  reactionSchema,
  reactionSendSchema,
} from './meetingRoomEvents.js';
import { meetingRoleSchema, moderationClientEvents, moderationServerEventSchemas } from './moderationEvents.js';
import { sfuClientEvents, sfuServerEvents } from './sfuEvents.js';
import { prejoinEvents } from './prejoinEvents.js';
import type { Result } from './result.js';

export type AckCallback<T> = (reply: Result<T>) => void;

export const mediaStateSchema = z.strictObject({
  audio: z.boolean(),
  video: z.boolean(),
  screen: z.boolean(),
});
export type MediaState = z.infer<typeof mediaStateSchema>;

/** A peer id and the short-lived token that lets its owner connect to the PeerJS server with it. */
export const peerCredentialsSchema = z.strictObject({
  id: z.string().min(1).max(128),
  token: z.string().min(1).max(512),
});
export type PeerCredentials = z.infer<typeof peerCredentialsSchema>;

export const participantSchema = z.object({
  /** The participant's PeerJS id: unique per person per meeting, and the key of their tile. */
  peerId: z.string().min(1).max(128),
  userId: z.string().min(1),
  displayName: z.string(),
  media: mediaStateSchema,
  /** ISO 8601. */
  joinedAt: z.string(),
  /** Host, co-host or participant (moderationEvents.ts); older servers send none: a participant. */
  role: meetingRoleSchema.default('participant'),
  /** Joined without an account (a guest session): clients mark the name as a guest's wherever it shows. */
  guest: z.literal(true).optional(),
});
export type Participant = z.infer<typeof participantSchema>;

export const joinRequestSchema = z.strictObject({
  code: meetingCodeSchema,
  media: mediaStateSchema.omit({ screen: true }),
  /** After a reconnect: the peer id this client already holds, so calls in progress keep their identity. */
  resume: peerCredentialsSchema.optional(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

export const joinResultSchema = z.object({
  meeting: meetingSchema,
  self: participantSchema,
  /**
   * Everyone else in the meeting whose PeerJS connection is open: empty until this seat's own PeerJS connection
   * is open (the others then arrive as `participant:joined`), except for a seat resumed while already ready.
   */
  participants: z.array(participantSchema),
  peer: z.object({ ...peerCredentialsSchema.shape, path: z.string(), key: z.string() }),
  ice: iceConfigSchema,
  maxParticipants: z.number(),
});
export type JoinResult = z.infer<typeof joinResultSchema>;

export const emptyPayloadSchema = z.strictObject({});
export type EmptyPayload = z.infer<typeof emptyPayloadSchema>;

export const mediaUpdateSchema = mediaStateSchema.partial();
export type MediaUpdate = z.infer<typeof mediaUpdateSchema>;

/** `removed`: a host or co-host removed them (moderationEvents.ts). */
export const leaveReasonSchema = z.enum(['left', 'disconnected', 'meeting-ended', 'removed']);
export type LeaveReason = z.infer<typeof leaveReasonSchema>;
export const participantLeftSchema = z.object({ peerId: participantSchema.shape.peerId, reason: leaveReasonSchema });
export type ParticipantLeft = z.infer<typeof participantLeftSchema>;

/**
 * Every event a client sends: its payload's schema and the schema of the data its ack answers with. The server
 * validates every payload; clients validate every answer. Every event takes a payload and an ack.
 */
export const clientEvents = {
  ...prejoinEvents,
  'meeting:join': { payload: joinRequestSchema, reply: joinResultSchema },
  /**
   * Kept for older clients; changes nothing. The server itself marks a seat ready (announced, listed, sent room
   * events) when the seat's PeerJS websocket opens on it.
   */
  'peer:ready': { payload: emptyPayloadSchema, reply: z.null() },
  /** A fresh token for the seat this client holds, to reconnect to the PeerJS server. */
  'peer:token': { payload: emptyPayloadSchema, reply: peerCredentialsSchema },
  'media:update': { payload: mediaUpdateSchema, reply: participantSchema },
  'ice:refresh': { payload: emptyPayloadSchema, reply: iceConfigSchema },
  'meeting:leave': { payload: emptyPayloadSchema, reply: z.null() },
  /** Host only: ends the meeting for everyone; the server then sends `meeting:ended` to the room. */
  'meeting:end': { payload: emptyPayloadSchema, reply: z.null() },
  /**
   * Ready seats only (as for every room event below). To everyone, or privately `to` one peer id in the meeting
   * (RECIPIENT_NOT_IN_MEETING otherwise). The reply is the message as delivered; the sender gets no `chat:message`.
   */
  'chat:send': { payload: chatSendSchema, reply: chatMessageSchema },
  /** The meeting's earlier messages this person may read (also pushed as `chat:history` when the seat becomes ready). */
  'chat:history': { payload: emptyPayloadSchema, reply: chatHistorySchema },
  /** Host only: deletes the meeting's messages; everyone gets `chat:cleared`. */
  'chat:clear': { payload: emptyPayloadSchema, reply: z.null() },
  /** Raises one's hand (again: no change). Answers the meeting's hands; everyone gets `hand:changed`. */
  'hand:raise': { payload: emptyPayloadSchema, reply: handsSchema },
  /** Lowers one's own hand, or (host only, NOT_HOST otherwise) anyone's. */
  'hand:lower': { payload: handLowerSchema, reply: handsSchema },
  /** One of REACTION_EMOJI; everyone else gets `reaction`. */
  'reaction:send': { payload: reactionSendSchema, reply: reactionSchema },
  ...moderationClientEvents,
  ...sfuClientEvents,
  ...lobbyClientEvents,
} as const satisfies Record<string, { payload: z.ZodType; reply: z.ZodType }>;

export type ClientEventName = keyof typeof clientEvents;
/** What a client sends with `event`. */
export type ClientPayload<K extends ClientEventName> = z.infer<(typeof clientEvents)[K]['payload']>;
/** The data of a successful answer to `event`. */
export type ClientReply<K extends ClientEventName> = z.infer<(typeof clientEvents)[K]['reply']>;

/** Runtime schemas for every client event's payload, keyed by event name. */
export const clientEventSchemas = Object.fromEntries(
  Object.entries(clientEvents).map(([name, { payload }]) => [name, payload]),
) as { [K in ClientEventName]: (typeof clientEvents)[K]['payload'] };
export const CLIENT_EVENT_NAMES = Object.keys(clientEvents) as ClientEventName[];

/** Events a client sends, as Socket.io types them. */
export type ClientToServerEvents = {
  [K in ClientEventName]: (payload: ClientPayload<K>, ack: AckCallback<ClientReply<K>>) => void;
};

/** Runtime schemas for every server event's payload, keyed by event name. Clients check each before using it. */
export const serverEventSchemas = {
  /** Someone's seat became ready; and, when this connection's own seat becomes ready, everyone already there. */
  'participant:joined': participantSchema,
  'participant:updated': participantSchema,
  'participant:left': participantLeftSchema,
  'meeting:ended': z.object({ code: z.string() }),
  /** The server is stopping; clients keep their calls and reconnect when it is back. */
  'server:shutdown': z.object({ reconnectAfterMs: z.number().nonnegative().max(600_000) }),
  /**
   * This connection's sign-in was revoked: signed out (`TOKEN_INVALID`), or its refresh token was replayed
   * (`REFRESH_REUSED`, every device of that sign-in is signed out). The server disconnects right after, the
   * others in the meeting get `participant:left`, and the access token no longer connects: sign in again.
   */
  'session:revoked': apiErrorSchema,
  /** A message from someone else: to everyone, or private to this person (`to` set). */
  'chat:message': chatMessageSchema,
  /** When this seat becomes ready: the meeting's earlier messages it may read. */
  'chat:history': chatHistorySchema,
  'chat:cleared': chatClearedSchema,
  /** The meeting's raised hands, in order: after every change, and to a seat when it becomes ready. */
  'hand:changed': handsSchema,
  reaction: reactionSchema,
  ...moderationServerEventSchemas,
  ...sfuServerEvents,
  ...lobbyServerEvents,
} as const satisfies Record<string, z.ZodType>;

export type ServerEventName = keyof typeof serverEventSchemas;
export type ServerPayload<K extends ServerEventName> = z.infer<(typeof serverEventSchemas)[K]>;

/** Events the server sends, as Socket.io types them. */
export type ServerToClientEvents = { [K in ServerEventName]: (payload: ServerPayload<K>) => void };

/** The handshake: `io(url, { auth: { token } })`. A refused handshake's `connect_error` carries an ApiError as `data`. */
export const socketAuthSchema = z.object({ token: z.string().min(1).max(4096) });
export type SocketAuth = z.infer<typeof socketAuthSchema>;
