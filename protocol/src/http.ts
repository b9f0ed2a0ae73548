import { z } from 'zod';
import { DISPLAY_NAME_FORBIDDEN, LIMITS, USERNAME_PATTERN } from './limits.js';

/** Every HTTP route of the server, in one place. */
export const API_ROUTES = {
  register: '/api/auth/register',
  login: '/api/auth/login',
  refresh: '/api/auth/refresh',
  logout: '/api/auth/logout',
  me: '/api/me',
  meetings: '/api/meetings',
  meeting: (code: string) => `/api/meetings/${encodeURIComponent(code)}`,
  endMeeting: (code: string) => `/api/meetings/${encodeURIComponent(code)}/end`,
  /** Unauthenticated: whether an invite link's meeting exists, before anyone signs in. */
  meetingStatus: (code: string) => `/api/meetings/${encodeURIComponent(code)}/status`,
  ice: '/api/ice',
  config: '/api/config',
  health: '/healthz',
  metrics: '/metrics',
} as const;

const required = (schema: z.ZodString) => schema.min(1, { error: 'FIELD_MISSING' });
const text = () => z.string({ error: 'FIELD_MISSING' });

export const usernameSchema = required(text().trim())
  .min(LIMITS.usernameMin, { error: 'USERNAME_INVALID' })
  .max(LIMITS.usernameMax, { error: 'USERNAME_INVALID' })
  .regex(USERNAME_PATTERN, { error: 'USERNAME_INVALID' })
  .toLowerCase();

/** What others see on tiles and in notifications: no line breaks, no invisible or direction-changing characters. */
export const displayNameSchema = required(text().trim())
  .max(LIMITS.displayNameMax, { error: 'DISPLAY_NAME_INVALID' })
  .refine((name) => !DISPLAY_NAME_FORBIDDEN.test(name), { error: 'DISPLAY_NAME_CHARACTERS' });

/** 8 to 128 characters, at least one of which is not whitespace (eight spaces is not a password). */
export const passwordSchema = required(text())
  .min(LIMITS.passwordMin, { error: 'PASSWORD_TOO_SHORT' })
  .max(LIMITS.passwordMax, { error: 'PASSWORD_TOO_LONG' })
  .regex(/\S/, { error: 'PASSWORD_BLANK' });

export const registerRequestSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
});
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

/** Sign-in does not apply the registration rules to the password: a wrong one is just wrong. */
export const loginRequestSchema = z.object({
  username: required(text().trim()).max(LIMITS.usernameMax, { error: 'INVALID_CREDENTIALS' }).toLowerCase(),
  password: required(text()).max(LIMITS.passwordMax, { error: 'PASSWORD_TOO_LONG' }),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const refreshRequestSchema = z.object({
  refreshToken: required(text()).max(512, { error: 'TOKEN_INVALID' }),
});
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;
export const logoutRequestSchema = refreshRequestSchema;
export type LogoutRequest = RefreshRequest;

export const publicUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
});
export type PublicUser = z.infer<typeof publicUserSchema>;

export const authSessionSchema = z.object({
  user: publicUserSchema,
  accessToken: z.string(),
  /** Epoch milliseconds. */
  accessTokenExpiresAt: z.number(),
  refreshToken: z.string(),
  /** Epoch milliseconds. */
  refreshTokenExpiresAt: z.number(),
});
export type AuthSession = z.infer<typeof authSessionSchema>;

/**
 * What anyone holding an invite link may learn before signing in: whether the meeting is open, has ended, or
 * does not exist (also for text that is not a meeting code). Nothing else: no title, no host, no participants.
 */
export const MEETING_STATUSES = ['open', 'ended', 'unknown'] as const;
export const meetingStatusSchema = z.object({ status: z.enum(MEETING_STATUSES) });
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

export const createMeetingRequestSchema = z.object({
  /** Shown to everyone in the meeting: the display-name rule for characters applies. */
  title: z
    .string({ error: 'MEETING_TITLE_INVALID' })
    .trim()
    .max(LIMITS.meetingTitleMax, { error: 'MEETING_TITLE_INVALID' })
    .refine((title) => !DISPLAY_NAME_FORBIDDEN.test(title), { error: 'MEETING_TITLE_INVALID' })
    .optional(),
  /** The waiting room: people other than the host wait until let in. Off when absent (the apps send `true`). */
  lobby: z.boolean({ error: 'BAD_REQUEST' }).optional(),
});
export type CreateMeetingRequest = z.infer<typeof createMeetingRequestSchema>;

export const meetingCodeSchema = z
  .string({ error: 'MEETING_NOT_FOUND' })
  .trim()
  .toLowerCase()
  .regex(LIMITS.meetingCodePattern, { error: 'MEETING_NOT_FOUND' });

export const meetingSchema = z.object({
  code: z.string(),
  title: z.string(),
  hostId: z.string(),
  hostDisplayName: z.string(),
  /** ISO 8601. */
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  inviteUrl: z.string(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const iceServerSchema = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;

export const iceConfigSchema = z.object({
  iceServers: z.array(iceServerSchema),
  /** 'relay' forces every call through TURN. */
  iceTransportPolicy: z.enum(['all', 'relay']),
  /** Epoch milliseconds when the TURN credentials stop working; null when there are none. */
  expiresAt: z.number().nullable(),
});
export type IceConfig = z.infer<typeof iceConfigSchema>;

export const serverConfigSchema = z.object({
  name: z.string(),
  version: z.string(),
  maxParticipants: z.number(),
  peer: z.object({ path: z.string(), key: z.string() }),
  /**
   * The public Janus addresses clients of this server connect to (WAVA_SFU_PUBLIC_URLS), for the desktop app's
   * Content-Security-Policy; empty (or absent, from older servers) when clients use the server's own `/sfu`.
   */
  sfuPublicUrls: z.array(z.string().max(2048)).max(16).optional(),
});
export type ServerConfig = z.infer<typeof serverConfigSchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeSeconds: z.number(),
});
export type Health = z.infer<typeof healthSchema>;
