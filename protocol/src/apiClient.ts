import type { z } from 'zod';
import { apiError, isErrorCode, type ApiError } from './errors.js';
import type { Result } from './result.js';
import {
  API_ROUTES,
  authSessionSchema,
  healthSchema,
  iceConfigSchema,
  meetingSchema,
  meetingStatusSchema,
  publicUserSchema,
  serverConfigSchema,
  type AuthSession,
  type CreateMeetingRequest,
  type Health,
  type IceConfig,
  type LoginRequest,
  type Meeting,
  type MeetingStatus,
  type PublicUser,
  type RegisterRequest,
  type ServerConfig,
} from './http.js';
import { GUEST_ROUTES, guestSessionSchema, type GuestSession, type GuestSessionRequest } from './lobbyEvents.js';

/**
 * The part of the Fetch API the client uses. The browser's `fetch` and Node's both fit; protocol needs neither's
 * types, so code the server runs does not see the DOM's.
 */
export interface FetchResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}
export type FetchLike = (
  input: string,
  init: { method: string; headers: Record<string, string>; body: string | undefined },
) => Promise<FetchResponseLike>;

const globalFetch: FetchLike = (input, init) => (globalThis as unknown as { fetch: FetchLike }).fetch(input, init);

/**
 * A typed client for the server's HTTP API, used by the web client and by the desktop main process.
 * It never throws: every outcome is a Result whose error carries a code and a sentence for people.
 */
export interface ApiClient {
  register(body: RegisterRequest): Promise<Result<AuthSession>>;
  login(body: LoginRequest): Promise<Result<AuthSession>>;
  refresh(refreshToken: string): Promise<Result<AuthSession>>;
  logout(refreshToken: string): Promise<Result<null>>;
  me(accessToken: string): Promise<Result<PublicUser>>;
  createMeeting(accessToken: string, body: CreateMeetingRequest): Promise<Result<Meeting>>;
  getMeeting(accessToken: string, code: string): Promise<Result<Meeting>>;
  endMeeting(accessToken: string, code: string): Promise<Result<Meeting>>;
  /** No sign-in needed: open, ended or unknown (rate-limited per address). */
  meetingStatus(code: string): Promise<Result<MeetingStatus>>;
  ice(accessToken: string): Promise<Result<IceConfig>>;
  config(): Promise<Result<ServerConfig>>;
  health(): Promise<Result<Health>>;
  /** No sign-in needed: a guest session for one meeting (rate-limited per address). */
  guestSession(code: string, body: GuestSessionRequest): Promise<Result<GuestSession>>;
}

export function createApiClient(baseUrl: string, fetchImpl: FetchLike = globalFetch): ApiClient {
  const base = baseUrl.replace(/\/+$/, '');

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T> | null,
    options: { body?: unknown; token?: string } = {},
  ): Promise<Result<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let response: FetchResponseLike;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch {
      return { ok: false, error: apiError('SERVER_UNREACHABLE') };
    }
    let json: unknown = null;
    if (response.status !== 204) {
      try {
        json = await response.json();
      } catch {
        json = null;
      }
    }
    if (!response.ok) return { ok: false, error: readError(json, response.headers.get('retry-after')) };
    if (schema === null) return { ok: true, data: null as T };
    const parsed = schema.safeParse(json);
    return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: apiError('INTERNAL') };
  }

  return {
    register: (body) => call('POST', API_ROUTES.register, authSessionSchema, { body }),
    login: (body) => call('POST', API_ROUTES.login, authSessionSchema, { body }),
    refresh: (refreshToken) => call('POST', API_ROUTES.refresh, authSessionSchema, { body: { refreshToken } }),
    logout: (refreshToken) => call('POST', API_ROUTES.logout, null, { body: { refreshToken } }),
    me: (token) => call('GET', API_ROUTES.me, publicUserSchema, { token }),
    createMeeting: (token, body) => call('POST', API_ROUTES.meetings, meetingSchema, { token, body }),
    getMeeting: (token, code) => call('GET', API_ROUTES.meeting(code), meetingSchema, { token }),
    endMeeting: (token, code) => call('POST', API_ROUTES.endMeeting(code), meetingSchema, { token, body: {} }),
    meetingStatus: (code) => call('GET', API_ROUTES.meetingStatus(code), meetingStatusSchema),
    ice: (token) => call('GET', API_ROUTES.ice, iceConfigSchema, { token }),
    config: () => call('GET', API_ROUTES.config, serverConfigSchema),
    health: () => call('GET', API_ROUTES.health, healthSchema),
    guestSession: (code, body) => call('POST', GUEST_ROUTES.guestSession(code), guestSessionSchema, { body }),
  };
}

/**
 * Error bodies are `{ error: { code, message, retryAfterSeconds? } }`; anything else becomes INTERNAL. The waiting
 * time comes from the body, or else from a `Retry-After` header in seconds, and goes into the sentence.
 */
function readError(json: unknown, retryAfterHeader: string | null): ApiError {
  const error = (json as { error?: { code?: unknown; retryAfterSeconds?: unknown } } | null)?.error;
  const code = error?.code;
  if (!isErrorCode(code)) return apiError('INTERNAL');
  const fromBody = error?.retryAfterSeconds;
  const fromHeader = retryAfterHeader !== null && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null;
  return apiError(code, typeof fromBody === 'number' && Number.isFinite(fromBody) ? fromBody : fromHeader);
}
