import { z } from 'zod';
import type { ApiError } from './errors.js';
import { meetingCodeSchema, type IceConfig, type Meeting } from './http.js';
import {
  chatSendSchema,
  handLowerSchema,
  reactionSendSchema,
  type ChatCleared,
  type ChatHistory,
  type ChatMessage,
  type ChatSend,
  type HandLower,
  type Hands,
  type Reaction,
  type ReactionSend,
} from './meetingRoomEvents.js';

/** The reply to every client request: data, or an error from the closed set. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };
export type AckCallback<T> = (reply: Ack<T>) => void;

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
});
export type Participant = z.infer<typeof participantSchema>;

export const joinRequestSchema = z.strictObject({
  code: meetingCodeSchema,
  media: mediaStateSchema.omit({ screen: true }),
  /** After a reconnect: the peer id this client already holds, so calls in progress keep their identity. */
  resume: peerCredentialsSchema.optional(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

export interface JoinResult {
  meeting: Meeting;
  self: Participant;
  /**
   * Everyone else in the meeting whose PeerJS connection is open: empty until this seat's own PeerJS connection
   * is open (the others then arrive as `participant:joined`), except for a seat resumed while already ready.
   */
  participants: Participant[];
  peer: PeerCredentials & { path: string; key: string };
  ice: IceConfig;
  maxParticipants: number;
}

export const emptyPayloadSchema = z.strictObject({});
export type EmptyPayload = z.infer<typeof emptyPayloadSchema>;

export const mediaUpdateSchema = mediaStateSchema.partial();
export type MediaUpdate = z.infer<typeof mediaUpdateSchema>;

export const leaveReasonSchema = z.enum(['left', 'disconnected', 'meeting-ended']);
export type LeaveReason = z.infer<typeof leaveReasonSchema>;
export const participantLeftSchema = z.object({ peerId: participantSchema.shape.peerId, reason: leaveReasonSchema });
export type ParticipantLeft = z.infer<typeof participantLeftSchema>;

/** Events a client sends. Every one takes a payload and an ack; the server validates both. */
export interface ClientToServerEvents {
  'meeting:join': (payload: JoinRequest, ack: AckCallback<JoinResult>) => void;
  /**
   * Kept for older clients; changes nothing. The server itself marks a seat ready (announced, listed, sent room
   * events) when the seat's PeerJS websocket opens on it.
   */
  'peer:ready': (payload: EmptyPayload, ack: AckCallback<null>) => void;
  /** A fresh token for the seat this client holds, to reconnect to the PeerJS server. */
  'peer:token': (payload: EmptyPayload, ack: AckCallback<PeerCredentials>) => void;
  'media:update': (payload: MediaUpdate, ack: AckCallback<Participant>) => void;
  'ice:refresh': (payload: EmptyPayload, ack: AckCallback<IceConfig>) => void;
  'meeting:leave': (payload: EmptyPayload, ack: AckCallback<null>) => void;
  'meeting:end': (payload: EmptyPayload, ack: AckCallback<null>) => void;
  /**
   * Ready seats only (as for every room event below). To everyone, or privately `to` one peer id in the meeting
   * (RECIPIENT_NOT_IN_MEETING otherwise). The ack is the message as delivered; the sender gets no `chat:message`.
   */
  'chat:send': (payload: ChatSend, ack: AckCallback<ChatMessage>) => void;
  /** The meeting's earlier messages this person may read (also pushed as `chat:history` when the seat becomes ready). */
  'chat:history': (payload: EmptyPayload, ack: AckCallback<ChatHistory>) => void;
  /** Host only: deletes the meeting's messages; everyone gets `chat:cleared`. */
  'chat:clear': (payload: EmptyPayload, ack: AckCallback<null>) => void;
  /** Raises one's hand (again: no change). Answers the meeting's hands; everyone gets `hand:changed`. */
  'hand:raise': (payload: EmptyPayload, ack: AckCallback<Hands>) => void;
  /** Lowers one's own hand, or (host only, NOT_HOST otherwise) anyone's. */
  'hand:lower': (payload: HandLower, ack: AckCallback<Hands>) => void;
  /** One of REACTION_EMOJI; everyone else gets `reaction`. */
  'reaction:send': (payload: ReactionSend, ack: AckCallback<Reaction>) => void;
}

/** Events the server sends. */
export interface ServerToClientEvents {
  /** Someone's seat became ready; and, when this connection's own seat becomes ready, everyone already there. */
  'participant:joined': (participant: Participant) => void;
  'participant:updated': (participant: Participant) => void;
  'participant:left': (payload: ParticipantLeft) => void;
  'meeting:ended': (payload: { code: string }) => void;
  /** The server is stopping; clients keep their calls and reconnect when it is back. */
  'server:shutdown': (payload: { reconnectAfterMs: number }) => void;
  /**
   * This connection's sign-in was revoked: signed out (`TOKEN_INVALID`), or its refresh token was replayed
   * (`REFRESH_REUSED`, every device of that sign-in is signed out). The server disconnects right after, the
   * others in the meeting get `participant:left`, and the access token no longer connects: sign in again.
   */
  'session:revoked': (error: ApiError) => void;
  /** A message from someone else: to everyone, or private to this person (`to` set). */
  'chat:message': (message: ChatMessage) => void;
  /** When this seat becomes ready: the meeting's earlier messages it may read. */
  'chat:history': (history: ChatHistory) => void;
  'chat:cleared': (payload: ChatCleared) => void;
  /** The meeting's raised hands, in order: after every change, and to a seat when it becomes ready. */
  'hand:changed': (hands: Hands) => void;
  reaction: (reaction: Reaction) => void;
}

/** Runtime schemas for every client event's payload, keyed by event name. */
export const clientEventSchemas = {
  'meeting:join': joinRequestSchema,
  'peer:ready': emptyPayloadSchema,
  'peer:token': emptyPayloadSchema,
  'media:update': mediaUpdateSchema,
  'ice:refresh': emptyPayloadSchema,
  'meeting:leave': emptyPayloadSchema,
  'meeting:end': emptyPayloadSchema,
  'chat:send': chatSendSchema,
  'chat:history': emptyPayloadSchema,
  'chat:clear': emptyPayloadSchema,
  'hand:raise': emptyPayloadSchema,
  'hand:lower': handLowerSchema,
  'reaction:send': reactionSendSchema,
} as const satisfies { [K in keyof ClientToServerEvents]: z.ZodType };

export type ClientEventName = keyof ClientToServerEvents;
export const CLIENT_EVENT_NAMES = Object.keys(clientEventSchemas) as ClientEventName[];

/** The handshake: `io(url, { auth: { token } })`. A refused handshake's `connect_error` carries an ApiError as `data`. */
export const socketAuthSchema = z.object({ token: z.string().min(1).max(4096) });
export type SocketAuth = z.infer<typeof socketAuthSchema>;
