import { z } from 'zod';
import { displayNameSchema, meetingCodeSchema } from './http.js';

/**
 * Guests and the waiting room (lobby) on the wire.
 *
 * A guest has no account: `POST GUEST_ROUTES.guestSession(code)` with a name gives a short-lived guest token bound
 * to that one meeting. It opens a Socket.io connection like an access token does (`auth: { token }`), but is good
 * for that meeting only (GUEST_OTHER_MEETING elsewhere), not for any HTTP route that needs an account, and not once
 * the meeting has ended.
 *
 * The waiting room: a person who may not join directly (`meeting:join` answers LOBBY_REQUIRED) sends `lobby:knock`
 * and waits. Until admitted they get nothing from the meeting but `lobby:admitted`, `lobby:denied` or
 * `meeting:ended`. Whoever may admit (the host and co-hosts) gets `lobby:queue` whenever it changes, and answers with
 * `lobby:admit`, `lobby:deny` or `lobby:admit-all`. Once admitted, the person joins with `meeting:join` as usual.
 */

export const GUEST_ROUTES = {
  /** POST, no sign-in: a guest session for this meeting (rate-limited per address). */
  guestSession: (code: string) => `/api/meetings/${encodeURIComponent(code)}/guest`,
} as const;

export const guestSessionRequestSchema = z.object({ displayName: displayNameSchema });
export type GuestSessionRequest = z.infer<typeof guestSessionRequestSchema>;

export const guestSessionSchema = z.object({
  /** The guest's identity for this meeting (the `userId` of their participant entry). */
  guest: z.object({ id: z.string(), displayName: z.string() }),
  /** The meeting this session is good for. */
  code: z.string(),
  /** For the Socket.io handshake (`auth: { token }`); not accepted by any HTTP route that needs an account. */
  accessToken: z.string(),
  /** Epoch milliseconds. */
  expiresAt: z.number(),
});
export type GuestSession = z.infer<typeof guestSessionSchema>;

const knockIdSchema = z.string().min(1).max(64);
/** A signed note of when this person first knocked: presented again after a reconnect, they keep their place. */
const knockTicketSchema = z.string().min(1).max(512);

export const lobbyKnockSchema = z.strictObject({
  code: meetingCodeSchema,
  /** The ticket of an earlier knock on this meeting (after a reconnect or a server restart). */
  ticket: knockTicketSchema.optional(),
});
export type LobbyKnock = z.infer<typeof lobbyKnockSchema>;

export const lobbyKnockReplySchema = z.discriminatedUnion('state', [
  /** Nothing to wait for (a host or co-host, the waiting room is off, or already admitted): send `meeting:join`. */
  z.object({ state: z.literal('admitted') }),
  /** Waiting: `lobby:admitted` or `lobby:denied` follows. */
  z.object({ state: z.literal('waiting'), ticket: knockTicketSchema }),
]);
export type LobbyKnockReply = z.infer<typeof lobbyKnockReplySchema>;

export const knockerSchema = z.object({
  id: knockIdSchema,
  displayName: z.string(),
  /** No account: joined through a guest session. */
  guest: z.boolean(),
  /** ISO 8601: when they first knocked. */
  knockedAt: z.string(),
});
export type Knocker = z.infer<typeof knockerSchema>;

/** Who is waiting, first knock first. */
export const lobbyQueueSchema = z.object({ knockers: z.array(knockerSchema).max(1000) });
export type LobbyQueue = z.infer<typeof lobbyQueueSchema>;

export const lobbyKnockerRefSchema = z.strictObject({ id: knockIdSchema });
export type LobbyKnockerRef = z.infer<typeof lobbyKnockerRefSchema>;

export const lobbyAdmittedSchema = z.object({ code: z.string() });
export type LobbyAdmitted = z.infer<typeof lobbyAdmittedSchema>;

export const lobbyDeniedSchema = z.object({
  code: z.string(),
  /** How long before this person may knock again. */
  retryAfterSeconds: z.number().nonnegative(),
});
export type LobbyDenied = z.infer<typeof lobbyDeniedSchema>;

/** Spread into `clientEvents`. */
export const lobbyClientEvents = {
  /** Asks to be let in. Refused with LOBBY_DENIED (and a waiting time) for a while after a denial. */
  'lobby:knock': { payload: lobbyKnockSchema, reply: lobbyKnockReplySchema },
  /** Stops waiting. */
  'lobby:leave': { payload: z.strictObject({}), reply: z.null() },
  /** Host or co-host (NOT_HOST otherwise): lets one knocker in; LOBBY_ENTRY_GONE when they are no longer waiting. */
  'lobby:admit': { payload: lobbyKnockerRefSchema, reply: lobbyQueueSchema },
  /** Host or co-host: turns one knocker away; they cannot knock again for a while. */
  'lobby:deny': { payload: lobbyKnockerRefSchema, reply: lobbyQueueSchema },
  /** Host or co-host: lets everyone waiting in. */
  'lobby:admit-all': { payload: z.strictObject({}), reply: lobbyQueueSchema },
} as const satisfies Record<string, { payload: z.ZodType; reply: z.ZodType }>;

/** Spread into `serverEventSchemas`. */
export const lobbyServerEvents = {
  /** To whoever may admit (ready seats only): the queue, whenever it changes and when their seat becomes ready. */
  'lobby:queue': lobbyQueueSchema,
  /** To a knocker: come in (send `meeting:join`). */
  'lobby:admitted': lobbyAdmittedSchema,
  /** To a knocker: turned away. */
  'lobby:denied': lobbyDeniedSchema,
} as const satisfies Record<string, z.ZodType>;
