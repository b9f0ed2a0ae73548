import {
  apiError,
  endsSession,
  type ApiClient,
  type ApiError,
  type AuthSession,
  type ErrorCode,
  type PublicUser,
  type Result,
} from '@wava/protocol';
import type { Credentials, Registration, SignedIn } from '../../shared/ipcSchemas.js';
import type { Logger } from '../util/log.js';
import { createPendingWork, type PendingWork } from '../util/PendingWork.js';
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
  /**
   * Signs out at once: the sign-in is forgotten here (in memory and on disk) before this returns, and the server is
   * told in the background, for as long as the API client's request timeout at most. A refresh or sign-in that
   * ends later keeps nothing and has what it got revoked.
   */
  logout(): void;
  /** Sign-outs the server has not heard yet: quitting waits for them a moment, or the server keeps those sign-ins. */
  readonly signOuts: Pick<PendingWork, 'busy' | 'settled'>;
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
  const signOuts = createPendingWork(deps.log);

  /** Tells the server a sign-in is over. Only quitting waits for it (see `signOuts`). */
  async function revoke(api: ApiClient, token: string): Promise<void> {
    const result = await api.logout(token);
    if (!result.ok) deps.log.warn('the server did not confirm sign-out', { code: result.error.code });
  }

  /**
   * Keeps a session the server gave, unless the person signed out since `started` (even while it was being
   * stored: the vault then writes nothing): then it is revoked on the server that gave it, and null is returned.
   */
  async function adopt(
    session: AuthSession,
    from: { api: ApiClient; origin: string },
    started: number,
  ): Promise<LiveSession | null> {
    if (started === generation) {
      await deps.vault.save({
        token: session.refreshToken,
        serverOrigin: from.origin,
        expiresAt: session.refreshTokenExpiresAt,
      });
    }
    if (started !== generation) {
      signOuts.track(revoke(from.api, session.refreshToken), 'revoking a sign-in that ended after the sign-out');
      return null;
    }
    live = { user: session.user, accessToken: session.accessToken, accessTokenExpiresAt: session.accessTokenExpiresAt };
    return live;
  }

  const signedOut = (): { ok: false; error: ApiError } => ({ ok: false, error: apiError('UNAUTHENTICATED') });

  /** The server chosen now, for one request and what follows from its answer. */
  const chosenServer = () => ({ api: deps.api(), origin: deps.serverOrigin() });

  async function signIn(send: (api: ApiClient) => Promise<Result<AuthSession>>): Promise<Result<SignedIn>> {
    const started = generation;
    const server = chosenServer();
    const result = await send(server.api);
    if (!result.ok) return result;
    const session = await adopt(result.data, server, started);
    if (!session) return signedOut();
    deps.onSignedIn?.(server.origin);
    return { ok: true, data: { user: session.user } };
  }

  async function refreshNow(): Promise<Result<LiveSession>> {
    const server = chosenServer();
    const started = generation;
    const stop = signingOut.signal;
    const token = await deps.vault.load(server.origin, deps.now());
    if (started !== generation) return signedOut();
    if (!token) {
      live = null;
      return signedOut();
    }
    const result = await server.api.refresh(token, stop);
    if (!result.ok) {
      // Signed out meanwhile: the vault may hold a newer sign-in by now, not this one.
      if (started !== generation) return signedOut();
      if (refreshIsFatal(result.error.code)) {
        deps.log.info('stored sign-in was refused by the server; signing out', { code: result.error.code });
        deps.vault.wipe();
        live = null;
      }
      return result;
    }
    const session = await adopt(result.data, server, started);
    return session ? { ok: true, data: session } : signedOut();
  }

  /**
   * One refresh at a time: refresh tokens rotate, and two concurrent uses would look like token theft. A sign-out
   * lets go of the one running (it keeps nothing, and its token was revoked): the next sign-in refreshes anew.
   */
  function refresh(): Promise<Result<LiveSession>> {
    if (refreshing) return refreshing;
    const running = refreshNow().finally(() => {
      if (refreshing === running) refreshing = null;
    });
    refreshing = running;
    return running;
  }

  return {
    register: (request) => signIn((api) => api.register(request)),
    login: (request) => signIn((api) => api.login(request)),
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
    logout() {
      generation += 1;
      signingOut.abort();
      signingOut = new AbortController();
      refreshing = null;
      live = null;
      // The server of this sign-in, taken now: the person may choose another server right after signing out.
      const server = chosenServer();
      const withdrawn = deps.vault.withdraw(server.origin, deps.now(), { forgetChoices: true });
      signOuts.track(
        withdrawn.then((token) => (token ? revoke(server.api, token) : undefined)),
        'telling the server about the sign-out',
      );
    },
    signOuts,
  };
}
