import { formatWait } from './formatWait.js';
import type { ApiError } from './apiErrorSchema.js';

/**
 * The closed set of error codes the server can answer with, over HTTP and in socket acks,
 * and the sentence a person sees for each. Logs get the detail; people get these sentences.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'FIELD_MISSING',
  'USERNAME_INVALID',
  'DISPLAY_NAME_INVALID',
  'DISPLAY_NAME_CHARACTERS',
  'PASSWORD_TOO_SHORT',
  'PASSWORD_BLANK',
  'PASSWORD_TOO_LONG',
  'USERNAME_TAKEN',
  'INVALID_CREDENTIALS',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'TOKEN_INVALID',
  'REFRESH_REUSED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'MEETING_TITLE_INVALID',
  'MEETING_NOT_FOUND',
  'MEETING_ENDED',
  'MEETING_FULL',
  'TOO_MANY_SEATS',
  'TOO_MANY_MEETINGS',
  'NOT_IN_MEETING',
  'ALREADY_IN_MEETING',
  'NOT_HOST',
  'PEER_ID_REJECTED',
  'CHAT_MESSAGE_INVALID',
  'CHAT_MESSAGE_CHARACTERS',
  'RECIPIENT_NOT_IN_MEETING',
  'NOT_FOUND',
  'SERVER_SHUTTING_DOWN',
  'INTERNAL',
  /** Client-side only: the server did not answer at all. */
  'SERVER_UNREACHABLE',
  /** Desktop app only: a server address that cannot be one. */
  'SERVER_URL_INVALID',
  /** Desktop app only: IT policy fixes the server address. */
  'SERVER_URL_LOCKED',
  'MEETING_LOCKED',
  'REMOVED',
  'PARTICIPANT_NOT_FOUND',
  'TARGET_IS_HOST',
  'CHAT_HOSTS_ONLY',
  'SCREEN_SHARE_HOSTS_ONLY',
  'UNMUTE_HOSTS_ONLY',
  /** The SFU (large meetings) cannot be reached: a `/sfu` websocket refused (503) or closed with this reason. */
  'SFU_UNAVAILABLE',
  /** The SFU token is unknown or was revoked: a `/sfu` websocket refused (403) or closed with this reason. */
  'SFU_TOKEN_INVALID',
  'LOBBY_REQUIRED',
  'LOBBY_DENIED',
  'LOBBY_ENTRY_GONE',
  'GUESTS_NOT_ALLOWED',
  'GUEST_OTHER_MEETING',
  /** A meeting has CO_HOSTS_MAX co-hosts: making one more (or handing hosting over to a participant) is refused. */
  'TOO_MANY_CO_HOSTS',
  /**
   * Web client only: part of its own code could not be loaded (the server has a new build whose files have other
   * names, or the network failed while it loaded, and a browser may keep that failure), so a reload is what helps.
   */
  'RELOAD_NEEDED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const MESSAGES: Record<ErrorCode, string> = {
  BAD_REQUEST: 'Something in that request was not understood. Please try again.',
  FIELD_MISSING: 'Please fill in every field.',
  USERNAME_INVALID: 'Usernames are 3 to 32 characters: letters, digits, dots, dashes and underscores.',
  DISPLAY_NAME_INVALID: 'Display names are 1 to 64 characters.',
  DISPLAY_NAME_CHARACTERS:
    'Display names cannot contain line breaks, tabs, or invisible or text-direction formatting characters.',
  PASSWORD_TOO_SHORT: 'Passwords need at least 8 characters.',
  PASSWORD_BLANK: 'Passwords cannot be only spaces. Use at least one letter, digit or symbol.',
  PASSWORD_TOO_LONG: 'Passwords can be at most 128 characters.',
  USERNAME_TAKEN: 'That username is already taken. Please choose another one.',
  INVALID_CREDENTIALS: 'That username and password do not match an account.',
  UNAUTHENTICATED: 'Please sign in to continue.',
  TOKEN_EXPIRED: 'Your session has expired. Please sign in again.',
  TOKEN_INVALID: 'Your session is no longer valid. Please sign in again.',
  REFRESH_REUSED: 'For your security you have been signed out everywhere. Please sign in again.',
  RATE_LIMITED: 'Too many attempts. Please wait a little and try again.',
  PAYLOAD_TOO_LARGE: 'That request was too large.',
  MEETING_TITLE_INVALID:
    'Meeting titles are at most 100 characters, without line breaks, tabs, or invisible or text-direction formatting characters.',
  MEETING_NOT_FOUND: 'There is no meeting with that code. Check the code or link and try again.',
  MEETING_ENDED: 'This meeting has ended.',
  MEETING_FULL: 'This meeting is full. Ask the host to start a new one or try again later.',
  TOO_MANY_SEATS:
    'You are already in this meeting on as many devices or windows as allowed. Leave it on one of them first.',
  TOO_MANY_MEETINGS: 'You have created too many meetings in a short time. Please try again later.',
  NOT_IN_MEETING: 'You are not in this meeting.',
  ALREADY_IN_MEETING: 'You are already in a meeting on this connection.',
  NOT_HOST: "Only the meeting's host (or, for most things, a co-host) can do that.",
  PEER_ID_REJECTED: 'Your media connection was refused. Please rejoin the meeting.',
  CHAT_MESSAGE_INVALID: 'Messages are 1 to 2,000 characters of text.',
  CHAT_MESSAGE_CHARACTERS: 'Messages cannot contain invisible or text-direction control characters.',
  RECIPIENT_NOT_IN_MEETING: 'That person is no longer in the meeting, so the private message was not sent.',
  NOT_FOUND: 'That page or resource does not exist.',
  SERVER_SHUTTING_DOWN: 'The server is restarting. Wava will reconnect by itself.',
  INTERNAL: 'Something went wrong on the server. Please try again.',
  SERVER_UNREACHABLE: 'Cannot reach the Wava server. Check your connection and the server address.',
  SERVER_URL_INVALID: 'Enter the server address as a web address, like https://meet.example.com.',
  SERVER_URL_LOCKED: 'Your organisation has set the server address, so it cannot be changed here.',
  MEETING_LOCKED: 'The host has locked this meeting, so nobody new can join. Ask the host to unlock it.',
  REMOVED: 'You were removed from this meeting and cannot rejoin unless the host allows you back.',
  PARTICIPANT_NOT_FOUND: 'That person is no longer in the meeting.',
  TARGET_IS_HOST: 'Co-hosts cannot do that to the host, and nobody can remove the meeting’s creator.',
  CHAT_HOSTS_ONLY: 'The host has turned chat off for participants. You can still write privately to a host.',
  SCREEN_SHARE_HOSTS_ONLY: 'Only the host and co-hosts can share their screen in this meeting.',
  UNMUTE_HOSTS_ONLY: 'The host controls microphones in this meeting. Raise your hand to ask to speak.',
  SFU_UNAVAILABLE: 'The media server for this meeting cannot be reached right now. Wava keeps trying.',
  SFU_TOKEN_INVALID:
    'Your access to the media server of this meeting has ended. Rejoin the meeting if you are still in it.',
  LOBBY_REQUIRED: 'This meeting has a waiting room. Ask to join, and the host will let you in.',
  LOBBY_DENIED: 'The host did not let you in to this meeting.',
  LOBBY_ENTRY_GONE: 'That person is no longer waiting to join.',
  GUESTS_NOT_ALLOWED: 'This meeting does not allow guests. Sign in with an account to join it.',
  GUEST_OTHER_MEETING: "Your guest pass is for another meeting. Open this meeting's invite link to join it.",
  TOO_MANY_CO_HOSTS:
    'This meeting already has 1,000 co-hosts, the most it can have. Make one of them a participant first.',
  RELOAD_NEEDED: 'Part of Wava could not be loaded. Check your connection, then reload the page.',
};

/** HTTP status for each code, so server routes never choose a status by hand. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  FIELD_MISSING: 400,
  USERNAME_INVALID: 400,
  DISPLAY_NAME_INVALID: 400,
  DISPLAY_NAME_CHARACTERS: 400,
  PASSWORD_TOO_SHORT: 400,
  PASSWORD_BLANK: 400,
  PASSWORD_TOO_LONG: 400,
  USERNAME_TAKEN: 409,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  REFRESH_REUSED: 401,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  MEETING_TITLE_INVALID: 400,
  MEETING_NOT_FOUND: 404,
  MEETING_ENDED: 410,
  MEETING_FULL: 409,
  TOO_MANY_SEATS: 409,
  TOO_MANY_MEETINGS: 429,
  NOT_IN_MEETING: 403,
  ALREADY_IN_MEETING: 409,
  NOT_HOST: 403,
  PEER_ID_REJECTED: 403,
  CHAT_MESSAGE_INVALID: 400,
  CHAT_MESSAGE_CHARACTERS: 400,
  RECIPIENT_NOT_IN_MEETING: 404,
  NOT_FOUND: 404,
  SERVER_SHUTTING_DOWN: 503,
  INTERNAL: 500,
  SERVER_UNREACHABLE: 503,
  SERVER_URL_INVALID: 400,
  SERVER_URL_LOCKED: 403,
  MEETING_LOCKED: 403,
  REMOVED: 403,
  PARTICIPANT_NOT_FOUND: 404,
  TARGET_IS_HOST: 403,
  CHAT_HOSTS_ONLY: 403,
  SCREEN_SHARE_HOSTS_ONLY: 403,
  UNMUTE_HOSTS_ONLY: 403,
  SFU_UNAVAILABLE: 503,
  SFU_TOKEN_INVALID: 403,
  LOBBY_REQUIRED: 403,
  LOBBY_DENIED: 403,
  LOBBY_ENTRY_GONE: 404,
  GUESTS_NOT_ALLOWED: 403,
  GUEST_OTHER_MEETING: 403,
  TOO_MANY_CO_HOSTS: 409,
  RELOAD_NEEDED: 503,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * The codes that mean this sign-in was revoked: signed out (perhaps on another device, `TOKEN_INVALID`), or its
 * refresh token was replayed (`REFRESH_REUSED`, every device of that sign-in is signed out). The server sends one
 * with `session:revoked`; reconnecting cannot help.
 */
export const SIGN_IN_REVOKED_CODES = ['TOKEN_INVALID', 'REFRESH_REUSED'] as const satisfies readonly ErrorCode[];
export type SignInRevokedCode = (typeof SIGN_IN_REVOKED_CODES)[number];

/**
 * The codes that mean this sign-in is over and its refresh token worthless: none was presented, it expired, or it
 * was revoked. The person must sign in again.
 */
export const SESSION_ENDED_CODES = [
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  ...SIGN_IN_REVOKED_CODES,
] as const satisfies readonly ErrorCode[];

/** Whether an answer from our server means this sign-in was revoked (see SIGN_IN_REVOKED_CODES). */
export function signInRevoked(code: ErrorCode): code is SignInRevokedCode {
  return (SIGN_IN_REVOKED_CODES as readonly ErrorCode[]).includes(code);
}

/** Whether an answer means this sign-in is over (see SESSION_ENDED_CODES). Clients of every kind share this rule. */
export function endsSession(code: ErrorCode): boolean {
  return (SESSION_ENDED_CODES as readonly ErrorCode[]).includes(code);
}

/** The sentences of the codes that come with a waiting time (`retryAfterSeconds`), given that time. */
const WAIT_MESSAGES: Partial<Record<ErrorCode, (wait: string) => string>> = {
  RATE_LIMITED: (wait) => `Too many attempts. Please try again in ${wait}.`,
  TOO_MANY_MEETINGS: (wait) => `You have created too many meetings in a short time. Please try again in ${wait}.`,
  LOBBY_DENIED: (wait) => `The host did not let you in to this meeting. You can ask again in ${wait}.`,
};

/**
 * The sentence a person sees for an error code; with `retryAfterSeconds` (RATE_LIMITED, TOO_MANY_MEETINGS) it
 * says how long to wait. Unknown input maps to the generic sentence.
 */
export function userMessage(code: unknown, retryAfterSeconds?: number | null): string {
  if (!isErrorCode(code)) return MESSAGES.INTERNAL;
  const withWait = WAIT_MESSAGES[code];
  return withWait && typeof retryAfterSeconds === 'number' && retryAfterSeconds > 0
    ? withWait(formatWait(retryAfterSeconds))
    : MESSAGES[code];
}

// Its schema is in apiErrorSchema.ts, so this file (codes and sentences) needs no zod at run time (see plain.ts).
export type { ApiError };

export function apiError(code: ErrorCode, retryAfterSeconds?: number | null): ApiError {
  const error: ApiError = { code, message: userMessage(code, retryAfterSeconds) };
  if (WAIT_MESSAGES[code] && typeof retryAfterSeconds === 'number' && retryAfterSeconds > 0) {
    error.retryAfterSeconds = retryAfterSeconds;
  }
  return error;
}
