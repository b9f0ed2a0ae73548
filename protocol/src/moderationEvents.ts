import { z } from 'zod';
import { apiErrorSchema } from './apiErrorSchema.js';
import { DISPLAY_NAME_FORBIDDEN, LIMITS } from './limits.js';

/**
 * The host's powers on the wire: roles, lock, mute, ask to unmute, stop camera or screen, remove and allow back,
 * co-hosts, hand-over, and the meeting's live settings. The server decides every one of them against the sender's
 * current role; clients follow what it broadcasts. signaling-server/README.md ("Host powers") tells the rules.
 */

const peerIdSchema = z.string().min(1).max(128);

/** Most co-hosts a meeting has; making one more is refused (TOO_MANY_CO_HOSTS). */
export const CO_HOSTS_MAX = 1000;

/**
 * A seat's role. The host (one account per meeting) and co-hosts (any number of accounts) run the meeting; every
 * seat of an account has that account's role. Co-hosts have every power of the host except ending the meeting,
 * handing hosting over, and removing or demoting the host.
 */
export const MEETING_ROLES = ['host', 'co-host', 'participant'] as const;
export const meetingRoleSchema = z.enum(MEETING_ROLES);
export type MeetingRole = z.infer<typeof meetingRoleSchema>;

/** Whether a role runs the meeting (host or co-host). */
export function runsMeeting(role: MeetingRole): boolean {
  return role === 'host' || role === 'co-host';
}

/** Who may do something: everyone, or only the host and co-hosts. */
export const AUDIENCES = ['everyone', 'hosts'] as const;
export const audienceSchema = z.enum(AUDIENCES);
export type Audience = z.infer<typeof audienceSchema>;

/** The meeting's settings the host and co-hosts change live. */
export const meetingSettingsSchema = z.object({
  /** People who are not host or co-host wait in the lobby until admitted (the lobby's own events use it). */
  lobby: z.boolean(),
  /** People without an account may join through the invite link (the guest flow uses it). */
  guests: z.boolean(),
  /** Who may share their screen; `hosts`: a participant's `media:update {screen: true}` is refused. */
  screenShare: audienceSchema,
  /** Who may send chat messages; `hosts`: a participant may still write privately to a host or co-host. */
  chat: audienceSchema,
  /** Who may turn their own microphone on; `hosts`: a participant may only after a host asked them to. */
  unmute: audienceSchema,
});
export type MeetingSettings = z.infer<typeof meetingSettingsSchema>;

/** A new meeting's settings. */
export const DEFAULT_MEETING_SETTINGS: MeetingSettings = Object.freeze({
  lobby: true,
  guests: true,
  screenShare: 'everyone',
  chat: 'everyone',
  unmute: 'everyone',
});

/** The meeting's title: the rule of `createMeetingRequestSchema`'s title. */
const titleSchema = z
  .string({ error: 'MEETING_TITLE_INVALID' })
  .trim()
  .min(1, { error: 'MEETING_TITLE_INVALID' })
  .max(LIMITS.meetingTitleMax, { error: 'MEETING_TITLE_INVALID' })
  .refine((title) => !DISPLAY_NAME_FORBIDDEN.test(title), { error: 'MEETING_TITLE_INVALID' });

/**
 * Who runs the meeting and how: sent as `moderation:state` to every seat when it becomes ready and to the whole
 * meeting after every change, and answered by `moderation:state` (the request) and `moderation:settings`.
 */
export const meetingControlsSchema = z.object({
  title: z.string(),
  /** The account hosting now: the meeting's creator, or whom hosting passed to. Their seats have role `host`. */
  hostUserId: z.string(),
  /** The accounts that are co-hosts (their seats have role `co-host`). */
  coHostUserIds: z.array(z.string()).max(CO_HOSTS_MAX),
  /** Nobody new may join (MEETING_LOCKED); people reconnecting, the host and co-hosts still may. */
  locked: z.boolean(),
  settings: meetingSettingsSchema,
});
export type MeetingControls = z.infer<typeof meetingControlsSchema>;

/** One person in the meeting: the target of most powers. */
export const targetSchema = z.strictObject({ peerId: peerIdSchema });
export type ModerationTarget = z.infer<typeof targetSchema>;

export const lockRequestSchema = z.strictObject({ locked: z.boolean() });
export type LockRequest = z.infer<typeof lockRequestSchema>;

/** Any of the settings, and the title; what is omitted stays as it is. At least one field. */
export const settingsRequestSchema = z
  .strictObject({ ...meetingSettingsSchema.partial().shape, title: titleSchema.optional() })
  .refine((request) => Object.keys(request).length > 0, { error: 'BAD_REQUEST' });
export type SettingsRequest = z.infer<typeof settingsRequestSchema>;

/** Makes a person a co-host, or a co-host a participant again. */
export const setRoleRequestSchema = z.strictObject({
  peerId: peerIdSchema,
  role: z.enum(['co-host', 'participant']),
});
export type SetRoleRequest = z.infer<typeof setRoleRequestSchema>;

/** A removed account, by its user id (from `moderation:listRemoved`). */
export const allowBackRequestSchema = z.strictObject({ userId: z.string().min(1).max(128) });
export type AllowBackRequest = z.infer<typeof allowBackRequestSchema>;

/** Who did something to you. */
export const moderatorSchema = z.object({ peerId: peerIdSchema, displayName: z.string() });
export type Moderator = z.infer<typeof moderatorSchema>;

/**
 * What a host or co-host did to this person (`moderation:action`). The server has already changed the person's
 * media state for everyone (except for `unmute-asked`); the client stops the microphone, camera or screen share.
 * `unmute-asked`: accepting is a plain `media:update {audio: true}`, allowed once even when only hosts may unmute.
 */
export const MODERATION_ACTIONS = ['muted', 'video-stopped', 'screen-stopped', 'unmute-asked'] as const;
export const moderationActionSchema = z.object({ action: z.enum(MODERATION_ACTIONS), by: moderatorSchema });
export type ModerationAction = z.infer<typeof moderationActionSchema>;

/**
 * This person was removed from the meeting (`moderation:removed`, to them only): their seat is freed and their
 * PeerJS connection closed; rejoining is refused with REMOVED until a host allows them back.
 */
export const removedNoticeSchema = z.object({ ...apiErrorSchema.shape, by: moderatorSchema });
export type RemovedNotice = z.infer<typeof removedNoticeSchema>;

/** The accounts removed from the meeting, newest last (hosts and co-hosts may ask for it). */
export const removedListSchema = z.object({
  removed: z
    .array(z.object({ userId: z.string(), displayName: z.string(), /** ISO 8601. */ removedAt: z.string() }))
    .max(1000),
});
export type RemovedList = z.infer<typeof removedListSchema>;

/** Most accounts a meeting remembers as removed; beyond it the oldest removal is forgotten. */
export const REMOVED_MAX = 500;

/** Per connection: host powers, on top of the connection's general limit. */
export const MODERATION_EVENT_LIMIT = { burst: 20, perSecond: 2 } as const;

/**
 * Client events of the host's powers (spread into `clientEvents`). Every one needs a ready seat (NOT_IN_MEETING),
 * the role named (NOT_HOST), and a target that is a ready seat of the same meeting (PARTICIPANT_NOT_FOUND).
 */
export const moderationClientEvents = {
  /** Anyone: the meeting's controls now. */
  'moderation:state': { payload: z.strictObject({}), reply: meetingControlsSchema },
  /** Host or co-host: lock or unlock; everyone gets `moderation:state`. */
  'moderation:lock': { payload: lockRequestSchema, reply: meetingControlsSchema },
  /** Host or co-host: change settings or the title; everyone gets `moderation:state`. */
  'moderation:settings': { payload: settingsRequestSchema, reply: meetingControlsSchema },
  /** Host or co-host: mutes one person (`muted`); everyone gets their `participant:updated`. */
  'moderation:mute': { payload: targetSchema, reply: z.null() },
  /** Host or co-host: mutes everyone but the host and co-hosts. */
  'moderation:muteAll': { payload: z.strictObject({}), reply: z.null() },
  /** Host or co-host: asks one person to turn their microphone on (`unmute-asked`). */
  'moderation:askUnmute': { payload: targetSchema, reply: z.null() },
  /** Host or co-host: turns one person's camera off (`video-stopped`). */
  'moderation:stopVideo': { payload: targetSchema, reply: z.null() },
  /** Host or co-host: ends one person's screen share (`screen-stopped`). */
  'moderation:stopScreen': { payload: targetSchema, reply: z.null() },
  /**
   * Host or co-host (a co-host not the host: TARGET_IS_HOST; nobody the meeting's creator): removes the person's
   * account from the meeting, every seat of it. They get `moderation:removed`, the others `participant:left`
   * with reason `removed`.
   */
  'moderation:remove': { payload: targetSchema, reply: z.null() },
  /** Host or co-host: the removed accounts. */
  'moderation:listRemoved': { payload: z.strictObject({}), reply: removedListSchema },
  /** Host or co-host: a removed account may join again. */
  'moderation:allowBack': { payload: allowBackRequestSchema, reply: removedListSchema },
  /** Host or co-host (a co-host may not demote the host: TARGET_IS_HOST): makes a co-host, or a participant. */
  'moderation:setRole': { payload: setRoleRequestSchema, reply: meetingControlsSchema },
  /** Host only: hands hosting to another person in the meeting; the former host becomes a co-host. */
  'moderation:handOver': { payload: targetSchema, reply: meetingControlsSchema },
} as const satisfies Record<string, { payload: z.ZodType; reply: z.ZodType }>;

/** Server events of the host's powers (spread into `serverEventSchemas`). */
export const moderationServerEventSchemas = {
  /** The meeting's controls: to a seat when it becomes ready, and to everyone after each change. */
  'moderation:state': meetingControlsSchema,
  /** To the person a host or co-host acted on. */
  'moderation:action': moderationActionSchema,
  /** To the person removed, just before their seat is freed. */
  'moderation:removed': removedNoticeSchema,
} as const satisfies Record<string, z.ZodType>;
