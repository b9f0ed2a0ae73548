import type { z } from 'zod';
import { apiError, isErrorCode, type ApiError, type ErrorCode } from './errors.js';
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
  init: { method: string; headers: Record<string, string>; body: string | undefined; signal: AbortSignal },
) => Promise<FetchResponseLike>;

const globalFetch: FetchLike = (input, init) => (globalThis as unknown as { fetch: FetchLike }).fetch(input, init);

/** How long a request may go unanswered (headers and body) before it counts as SERVER_UNREACHABLE. */
export const REQUEST_TIMEOUT_MS = 15_000;
/**
 * A refresh's own, shorter timeout, for a try after which another may still leave within REFRESH_RETRY_WINDOW_MS:
 * the retries of a refresh whose answer was lost must fit in the server's grace. The last try has REQUEST_TIMEOUT_MS.
 */
export const REFRESH_TIMEOUT_MS = 4_000;
/** The waits before a refresh whose answer was lost is sent again; no retry leaves later than the window below. */
export const REFRESH_RETRY_DELAYS_MS: readonly number[] = [500, 1_000, 2_000];
/**
 * Every retry of a refresh leaves within this time of its first try, well inside the server's default grace
 * (WAVA_REFRESH_GRACE, 10 s), within which the same refresh token asked again gets the same new session.
 */
export const REFRESH_RETRY_WINDOW_MS = 6_000;

export interface ApiClientOptions {
  /** REQUEST_TIMEOUT_MS unless given. */
  timeoutMs?: number;
  /** REFRESH_TIMEOUT_MS unless given. */
  refreshTimeoutMs?: number;
}

/**
 * Whether a failed request may have been carried out by the server with its answer lost on the way: no answer
 * (the connection dropped, or the timeout), or an answer that could not be read (a proxy's error page, a cut body).
 */
export function answerMayBeLost(code: ErrorCode): boolean {
  return code === 'SERVER_UNREACHABLE' || code === 'INTERNAL';
}

/**
 * A typed client for the server's HTTP API, used by the web client and by the desktop main process.
 * It never throws: every outcome is a Result whose error carries a code and a sentence for people. A request
 * unanswered after its timeout is aborted and answers SERVER_UNREACHABLE, so nothing waits on it forever.
 */
export interface ApiClient {
  register(body: RegisterRequest): Promise<Result<AuthSession>>;
  login(body: LoginRequest): Promise<Result<AuthSession>>;
  /**
   * Trades a refresh token for a new session (the token rotates). When the answer may be lost (answerMayBeLost),
   * the same token is sent again a few times, within REFRESH_RETRY_WINDOW_MS: the server answers a repeat within
   * its grace with the same new session, whereas the old token presented later would revoke the whole sign-in.
   * `stop`: once it aborts (the person signed out), no try is sent again; the one on its way is left to end.
   */
  refresh(refreshToken: string, stop?: AbortSignal): Promise<Result<AuthSession>>;
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

const TIMED_OUT = Symbol('timed out');
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createApiClient(
  baseUrl: string,
  fetchImpl: FetchLike = globalFetch,
  clientOptions: ApiClientOptions = {},
): ApiClient {
  const base = baseUrl.replace(/\/+$/, '');
  const timeoutMs = clientOptions.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const refreshTimeoutMs = clientOptions.refreshTimeoutMs ?? REFRESH_TIMEOUT_MS;

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T> | null,
    options: { body?: unknown; token?: string; timeoutMs?: number } = {},
  ): Promise<Result<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Aborting ends a real fetch (and its body) at once; the race also ends one that ignores the signal.
    const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve(TIMED_OUT);
      }, options.timeoutMs ?? timeoutMs);
    });
    const exchange = async () => {
      const response = await fetchImpl(`${base}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: controller.signal,
      });
      let json: unknown = null;
      if (response.status !== 204) {
        try {
          json = await response.json();
        } catch {
          json = null;
        }
      }
      return { response, json };
    };
    let answer: Awaited<ReturnType<typeof exchange>> | typeof TIMED_OUT;
    try {
      answer = await Promise.race([exchange(), timedOut]);
    } catch {
      return { ok: false, error: apiError('SERVER_UNREACHABLE') };
    } finally {
      clearTimeout(timer);
    }
    if (answer === TIMED_OUT) return { ok: false, error: apiError('SERVER_UNREACHABLE') };
    const { response, json } = answer;
    if (!response.ok) return { ok: false, error: readError(json, response.headers.get('retry-after')) };
    if (schema === null) return { ok: true, data: null as T };
    const parsed = schema.safeParse(json);
    return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: apiError('INTERNAL') };
  }

  async function refresh(refreshToken: string, stop?: AbortSignal): Promise<Result<AuthSession>> {
    const firstTry = Date.now();
    // A try is cut short (refreshTimeoutMs) only while another could still leave after it within the window. The
    // last one waits as long as any request: a slow answer that comes is the new session, whereas one given up
    // leaves the spent token as the one to present next (REFRESH_REUSED once the grace is over).
    const send = (nextDelay: number | undefined) => {
      const retryFits =
        nextDelay !== undefined && Date.now() + refreshTimeoutMs + nextDelay - firstTry <= REFRESH_RETRY_WINDOW_MS;
      return call('POST', API_ROUTES.refresh, authSessionSchema, {
        body: { refreshToken },
        timeoutMs: retryFits ? refreshTimeoutMs : timeoutMs,
      });
    };
    let result = await send(REFRESH_RETRY_DELAYS_MS[0]);
    for (const [index, delay] of REFRESH_RETRY_DELAYS_MS.entries()) {
      if (result.ok || !answerMayBeLost(result.error.code)) break;
      if (Date.now() + delay - firstTry > REFRESH_RETRY_WINDOW_MS) break;
      await wait(delay);
      if (stop?.aborted) break;
      result = await send(REFRESH_RETRY_DELAYS_MS[index + 1]);
    }
    return result;
  }

  return {
    register: (body) => call('POST', API_ROUTES.register, authSessionSchema, { body }),
    login: (body) => call('POST', API_ROUTES.login, authSessionSchema, { body }),
    refresh,
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
