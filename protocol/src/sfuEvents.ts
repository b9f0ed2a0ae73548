import { z } from 'zod';

/**
 * Large meetings through an SFU (Janus's VideoRoom) beside the peer-to-peer mesh: which mode a meeting is in,
 * and the credentials a seated, ready participant uses to publish and subscribe in its meeting's room.
 * signaling-server/README.md ("Large meetings (SFU)") says step by step how a client uses them.
 */

/**
 * Where the server proxies Janus's websocket API (`janus-protocol`) on its own port, after checking the token:
 * `wss://<server>/sfu?token=<token>`. A `meeting:mode` `url` is this path unless IT publishes Janus elsewhere.
 */
export const SFU_PATH = '/sfu';

/** The websocket subprotocol Janus's API speaks (the `/sfu` proxy requires it too). */
export const JANUS_WS_PROTOCOL = 'janus-protocol';

/** The Janus plugin of Wava's SFU rooms. */
export const JANUS_VIDEOROOM_PLUGIN = 'janus.plugin.videoroom';

/** What each published stream carries: the VideoRoom `description` of its m-line, so receivers tell them apart. */
export const SFU_STREAM_DESCRIPTIONS = ['camera', 'screen'] as const;
export type SfuStreamDescription = (typeof SFU_STREAM_DESCRIPTIONS)[number];

/** Everyone calls everyone over PeerJS, as always. */
export const meshModeSchema = z.object({
  mode: z.literal('mesh'),
  /** The meeting's size limit in this mode. */
  maxParticipants: z.number().int().positive(),
  /**
   * Only when the meeting just left the SFU: this seat's SFU credentials stay valid this many more milliseconds
   * (make before break). Call everyone over PeerJS while still publishing and subscribing in the SFU; show each
   * person's mesh call once it has a decoded frame; leave Janus once all have (or when this time is up). Without
   * it the credentials are already revoked: leave Janus at once.
   */
  sfuGraceMs: z.number().int().nonnegative().max(600_000).optional(),
});
export type MeshMode = z.infer<typeof meshModeSchema>;

/** Everyone publishes to and subscribes from the meeting's Janus VideoRoom room; no PeerJS calls. */
export const sfuModeSchema = z.object({
  mode: z.literal('sfu'),
  /**
   * The Janus websocket to open with subprotocol `janus-protocol`: `ws(s)://<this server>/sfu?token=...` (the
   * default, one port and certificate for everything), or a separate public Janus address IT configured.
   */
  url: z.string().min(1).max(2048),
  /** The VideoRoom room id (a string: Wava's Janus runs with `string_ids`). */
  room: z.string().min(1).max(128),
  /**
   * This seat's Janus token: `token` on every Janus request (create, attach, message, trickle, keepalive,
   * detach, hangup, destroy) AND `token` in every VideoRoom `join` body (publisher and subscriber). Valid only
   * for this meeting's room and only while this seat is in it: revoked when the person leaves, is removed, the
   * meeting goes back to mesh, moves to another SFU instance, or ends.
   */
  token: z.string().min(16).max(256),
  /** Join the room as publisher with exactly this `id` (your peer id): others' tiles map publishers to people by it. */
  publisherId: z.string().min(1).max(128),
  /**
   * Goes up each time the meeting's room is (re)created, on another instance after a failure for example.
   * A `meeting:mode` whose `generation`, `url` or `room` differs from the one in use means: leave the old
   * Janus session and publish and subscribe again with these credentials.
   */
  generation: z.number().int().nonnegative(),
  /** Subscribe to the video of at most this many most recent speakers, plus anyone pinned (audio from everyone). */
  lastN: z.number().int().positive(),
  /** The meeting's size limit in this mode. */
  maxParticipants: z.number().int().positive(),
});
export type SfuMode = z.infer<typeof sfuModeSchema>;

export const meetingModeSchema = z.discriminatedUnion('mode', [meshModeSchema, sfuModeSchema]);
export type MeetingMode = z.infer<typeof meetingModeSchema>;

/** The client events of this file; spread into `clientEvents`. */
export const sfuClientEvents = {
  /**
   * Ready seats only (NOT_IN_MEETING otherwise): the meeting's current mode and, in SFU mode, this seat's
   * credentials. The same as the last `meeting:mode` this seat got; ask again after the Janus websocket dropped
   * (the answer may carry a new `generation`), or after a reconnect; name the token Janus refused, if it did.
   */
  'sfu:credentials': {
    payload: z.strictObject({
      /**
       * The token of ours Janus just refused (its `create`, `attach` or `join` answered 403). If it is still this
       * seat's token but the SFU no longer knows it, the server issues a new one; otherwise nothing changes.
       */
      refused: z.string().min(16).max(256).optional(),
    }),
    reply: meetingModeSchema,
  },
  /**
   * Ready seats only (NOT_IN_MEETING otherwise): "`peerId`'s media reaches me through the SFU now". Sent during
   * a move to the SFU, once per person we had a mesh call with, when their SFU picture shows; the server passes
   * it on to them as `sfu:carried` with our peer id. Nothing happens when they left meanwhile (reply null).
   */
  'sfu:carried': {
    payload: z.strictObject({ peerId: z.string().min(1).max(128) }),
    reply: z.null(),
  },
} as const;

/** The server events of this file; spread into `serverEventSchemas`. */
export const sfuServerEvents = {
  /**
   * The meeting's mode for this seat: sent when the seat becomes ready, and whenever the mode changes (past
   * WAVA_SFU_THRESHOLD ready people it goes to the SFU; back to mesh at 2, with `sfuGraceMs`), the meeting moves to another SFU
   * instance (`generation` changes), or credentials change. Mute, hand, chat and screen share are unaffected.
   */
  'meeting:mode': meetingModeSchema,
  /**
   * `peerId` now gets our media through the SFU (their `sfu:carried`): once theirs reaches us through it too, the
   * mesh call with them can end without leaving either side without a picture (make before break on both sides).
   */
  'sfu:carried': z.object({ peerId: z.string().min(1).max(128) }),
} as const;
