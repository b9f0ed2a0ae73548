import {
  apiError,
  endsSession,
  type ApiClient,
  type AuthSession,
  type ErrorCode,
  type PublicUser,
  type Result,
} from '@wava/protocol';
import type { Credentials, Registration, SignedIn } from '../../shared/ipcSchemas.js';
import type { Logger } from '../util/log.js';
import type { TokenVault } from './TokenVault.js';

/** Access tokens are refreshed this long before they expire, so a request never leaves with a dying token. */
export const ACCESS_TOKEN_MARGIN_MS = 30_000;

/**
 * Refresh answers that mean the stored sign-in is dead: it is wiped and the person signs in again.
 * Besides the shared rule, a refresh the server cannot read means the stored token itself is damaged.
 */
function refreshIsFatal(code: ErrorCode): boolean {
  return endsSession(code) || code === 'BAD_REQUEST' || code === 'FIELD_MISSING';
}

export interface AuthServiceDeps {
  /** A client for the server currently chosen. */
  api(): ApiClient;
  serverOrigin(): string;
  vault: TokenVault;
  now(): number;
  log: Logger;
  /** Called after every successful sign-in or registration, with the server it was made on. */
  onSignedIn?(serverOrigin: string): void;
}

export interface AuthService {
  register(request: Registration): Promise<Result<SignedIn>>;
  login(request: Credentials): Promise<Result<SignedIn>>;
  restore(): Promise<SignedIn | null>;
  accessToken(force: boolean): Promise<Result<string>>;
  /** Signs out: forgets everything here first, then tells the server (best effort). */
  logout(): Promise<void>;
}

interface LiveSession {
  user: PublicUser;
  accessToken: string;
  accessTokenExpiresAt: number;
}

/**
 * Sign-in for the desktop app, run in the main process with the protocol's API client. The refresh token goes to
 * the vault and never leaves the main process; the renderer gets the user and short-lived access tokens.
 */
export function createAuthService(deps: AuthServiceDeps): AuthService {
  let live: LiveSession | null = null;
  let refreshing: Promise<Result<LiveSession>> | null = null;
  /** Bumped by sign-out: a refresh that was in flight must not bring a sign-in back. */
  let generation = 0;
  /**
   * Aborted by sign-out: a refresh waiting to send its token again (its answer was lost) sends it no more; after
   * the sign-out revoked that sign-in, the server would take the token for a stolen one (REFRESH_REUSED).
   */
  let signingOut = new AbortController();

  async function adopt(session: AuthSession, origin: string): Promise<LiveSession> {
    await deps.vault.save({
      token: session.refreshToken,
      serverOrigin: origin,
      expiresAt: session.refreshTokenExpiresAt,
    });
    live = { user: session.user, accessToken: session.accessToken, accessTokenExpiresAt: session.accessTokenExpiresAt };
    return live;
  }

  async function signIn(attempt: Promise<Result<AuthSession>>, origin: string): Promise<Result<SignedIn>> {
    const started = generation;
    const result = await attempt;
    if (!result.ok) return result;
    if (started !== generation) return { ok: false, error: apiError('UNAUTHENTICATED') };
    const session = await adopt(result.data, origin);
    deps.onSignedIn?.(origin);
    return { ok: true, data: { user: session.user } };
  }

  async function refreshNow(): Promise<Result<LiveSession>> {
    const origin = deps.serverOrigin();
    const started = generation;
    const stop = signingOut.signal;
    const token = await deps.vault.load(origin, deps.now());
    if (!token) {
      live = null;
      return { ok: false, error: apiError('UNAUTHENTICATED') };
    }
    const result = await deps.api().refresh(token, stop);
    if (started !== generation) {
      // Signed out meanwhile: revoke what the server just issued, keep nothing.
      if (result.ok) void deps.api().logout(result.data.refreshToken);
      return { ok: false, error: apiError('UNAUTHENTICATED') };
    }
    if (!result.ok) {
      if (refreshIsFatal(result.error.code)) {
        deps.log.info('stored sign-in was refused by the server; signing out', { code: result.error.code });
        deps.vault.wipe();
        live = null;
      }
      return result;
    }
    return { ok: true, data: await adopt(result.data, origin) };
  }

  /** One refresh at a time: refresh tokens rotate, and two concurrent uses would look like token theft. */
  function refresh(): Promise<Result<LiveSession>> {
    refreshing ??= refreshNow().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  return {
    register: (request) => signIn(deps.api().register(request), deps.serverOrigin()),
    login: (request) => signIn(deps.api().login(request), deps.serverOrigin()),
    async restore() {
      if (live) return { user: live.user };
      const result = await refresh();
      return result.ok ? { user: result.data.user } : null;
    },
    async accessToken(force) {
      if (live && !force && live.accessTokenExpiresAt - deps.now() > ACCESS_TOKEN_MARGIN_MS) {
        return { ok: true, data: live.accessToken };
      }
      const result = await refresh();
      return result.ok ? { ok: true, data: result.data.accessToken } : result;
    },
    async logout() {
      generation += 1;
      signingOut.abort();
      signingOut = new AbortController();
      const token = await deps.vault.load(deps.serverOrigin(), deps.now());
      deps.vault.wipe({ forgetChoices: true });
      live = null;
      if (token) {
        const result = await deps.api().logout(token);
        if (!result.ok) deps.log.warn('the server did not confirm sign-out', { code: result.error.code });
      }
    },
  };
}
