import { apiError, endsSession, type ApiClient, type AuthSession, type Result } from '@wava/protocol';
import type { AuthStore, SignedIn } from './Platform.js';

export type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface WebAuthStoreOptions {
  api: ApiClient;
  /** Keeps the refresh token across a reload of this tab only; null keeps it in memory only. */
  storage: SessionStorageLike | null;
  /** Refresh the access token this long before it expires. */
  refreshLeadMs?: number;
}

export interface WebAuthStore extends AuthStore {
  /** Stops the background refresh timer. */
  dispose(): void;
}

export const REFRESH_TOKEN_KEY = 'wava.refreshToken';
const DEFAULT_LEAD_MS = 60_000;

/**
 * Tokens for the web client: in page memory, with the refresh token also in session storage so a
 * reload survives. The access token is refreshed a minute before it expires (on a timer, and on
 * demand) and when the server says it expired (`accessToken(true)`). Refresh tokens rotate and reuse
 * revokes the family, so only one refresh is ever in flight.
 */
export function createWebAuthStore(options: WebAuthStoreOptions): WebAuthStore {
  const { api, storage } = options;
  const lead = options.refreshLeadMs ?? DEFAULT_LEAD_MS;
  let session: AuthSession | null = null;
  let inFlight: Promise<Result<AuthSession>> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const setSession = (next: AuthSession) => {
    session = next;
    write(next.refreshToken);
    clearTimer();
    const delay = Math.max(0, next.accessTokenExpiresAt - lead - Date.now());
    timer = setTimeout(() => {
      timer = null;
      void refresh();
    }, delay);
  };

  const clearSession = () => {
    session = null;
    clearTimer();
    write(null);
  };

  function write(refreshToken: string | null): void {
    try {
      if (refreshToken) storage?.setItem(REFRESH_TOKEN_KEY, refreshToken);
      else storage?.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      // Storage can be unavailable (private mode, quota): the session then lives in memory only.
    }
  }

  function stored(): string | null {
    try {
      return storage?.getItem(REFRESH_TOKEN_KEY) ?? null;
    } catch {
      return null;
    }
  }

  /** One refresh at a time: a second concurrent refresh would present a used token and revoke the family. */
  function refresh(): Promise<Result<AuthSession>> {
    if (inFlight) return inFlight;
    const refreshToken = session?.refreshToken ?? stored();
    if (!refreshToken) return Promise.resolve({ ok: false, error: apiError('UNAUTHENTICATED') });
    inFlight = api
      .refresh(refreshToken)
      .then((result) => {
        if (result.ok) setSession(result.data);
        else if (endsSession(result.error.code)) clearSession();
        return result;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  const signedIn = (result: Result<AuthSession>): Result<SignedIn> => {
    if (!result.ok) return result;
    setSession(result.data);
    return { ok: true, data: { user: result.data.user } };
  };

  return {
    async register(request) {
      return signedIn(await api.register(request));
    },
    async login(request) {
      return signedIn(await api.login(request));
    },
    async restore() {
      if (session) return { user: session.user };
      if (!stored()) return null;
      const result = await refresh();
      return result.ok ? { user: result.data.user } : null;
    },
    async accessToken(force = false) {
      if (!session && !stored()) return { ok: false, error: apiError('UNAUTHENTICATED') };
      if (session && !force && Date.now() < session.accessTokenExpiresAt - lead) {
        return { ok: true, data: session.accessToken };
      }
      const result = await refresh();
      return result.ok ? { ok: true, data: result.data.accessToken } : result;
    },
    async logout() {
      const refreshToken = session?.refreshToken ?? stored();
      clearSession();
      if (refreshToken) await api.logout(refreshToken);
    },
    dispose: clearTimer,
  };
}
