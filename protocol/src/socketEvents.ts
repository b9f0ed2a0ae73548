import { z } from 'zod';
import type { ApiError } from './errors.js';
import { meetingCodeSchema, type IceConfig, type Meeting } from './http.js';

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
} as const satisfies { [K in keyof ClientToServerEvents]: z.ZodType };

export type ClientEventName = keyof ClientToServerEvents;
export const CLIENT_EVENT_NAMES = Object.keys(clientEventSchemas) as ClientEventName[];

/** The handshake: `io(url, { auth: { token } })`. A refused handshake's `connect_error` carries an ApiError as `data`. */
export const socketAuthSchema = z.object({ token: z.string().min(1).max(4096) });
export type SocketAuth = z.infer<typeof socketAuthSchema>;
