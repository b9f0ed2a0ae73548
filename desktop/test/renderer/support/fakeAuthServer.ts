import { API_ROUTES, userMessage, type AuthSession } from '@wava/protocol';

/** The sign-in the fake accepts (its user is `ada`). */
export const credentials = { username: 'ada', password: 'correct horse' };

/**
 * A small fake of the auth routes for the real API client: enough to check the stores' timing and single-flight
 * logic (rotation, reuse). Unless given `graceMs` (the real server's WAVA_REFRESH_GRACE) it has no grace period for
 * a repeated refresh, so any refresh token presented twice shows as REFRESH_REUSED. Within the grace, a repeat gets
 * the same new session, while that session's refresh token is unused (signaling-server/test/refreshGrace.test.ts).
 */
export function fakeAuthServer(accessLifetimeMs = 15 * 60_000, { graceMs = 0 } = {}) {
  let counter = 0;
  const live = new Set<string>();
  const used = new Set<string>();
  const calls: string[] = [];
  let down = false;
  let reuses = 0;
  const held = new Map<string, Promise<void>>();
  const losing = new Map<string, number>();
  /** The session each used refresh token was traded for, and when (for a repeat within the grace). */
  const successors = new Map<string, { session: AuthSession; at: number }>();
  /** Whose each live refresh token is: a refresh keeps the person, whoever signs in meanwhile. */
  const owners = new Map<string, typeof user>();
  let user = { id: 'u1', username: 'ada', displayName: 'Ada' };
  const issue = (owner = user): AuthSession => {
    counter += 1;
    const refreshToken = `refresh-${counter}`;
    live.add(refreshToken);
    owners.set(refreshToken, owner);
    return {
      user: owner,
      accessToken: `access-${counter}`,
      accessTokenExpiresAt: Date.now() + accessLifetimeMs,
      refreshToken,
      refreshTokenExpiresAt: Date.now() + 30 * 24 * 3_600_000,
    };
  };
  const json = (status: number, body: unknown) =>
    new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  const error = (status: number, code: string) => json(status, { error: { code, message: userMessage(code) } });

  const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const path = new URL(input).pathname;
    calls.push(path);
    if (down) throw new TypeError('Failed to fetch');
    const response = answer(path, init);
    const toLose = losing.get(path) ?? 0;
    if (toLose > 0) {
      losing.set(path, toLose - 1);
      throw new TypeError('Failed to fetch'); // carried out, and the connection dropped before the answer came
    }
    // A held answer never comes if the client gives up first: its fetch rejects, as the browser's does.
    const aborted = new Promise<never>((_, reject) =>
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
    );
    await Promise.race([held.get(path), aborted]);
    return response;
  };
  const answer = (path: string, init?: RequestInit): Response => {
    const body = JSON.parse(String(init?.body ?? '{}')) as Record<string, string>;
    switch (path) {
      case API_ROUTES.login:
        return body.password === credentials.password ? json(200, issue()) : error(401, 'INVALID_CREDENTIALS');
      case API_ROUTES.refresh: {
        const token = body.refreshToken ?? '';
        const earlier = successors.get(token);
        if (earlier && Date.now() - earlier.at < graceMs && live.has(earlier.session.refreshToken)) {
          return json(200, earlier.session);
        }
        if (used.has(token)) {
          live.clear();
          reuses += 1;
          return error(401, 'REFRESH_REUSED');
        }
        if (!live.has(token)) return error(401, 'TOKEN_INVALID');
        live.delete(token);
        used.add(token);
        const session = issue(owners.get(token));
        successors.set(token, { session, at: Date.now() });
        return json(200, session);
      }
      case API_ROUTES.logout:
        live.delete(body.refreshToken ?? '');
        return json(204, null);
      default:
        return error(404, 'NOT_FOUND');
    }
  };
  return {
    fetch,
    calls,
    refreshes: () => calls.filter((path) => path === API_ROUTES.refresh).length,
    /** Refresh tokens presented again (each revoked every session of the sign-in). */
    reuses: () => reuses,
    /** Sessions issued from now on belong to this user (someone else signing in on the same browser). */
    nextUser: (next: typeof user) => {
      user = next;
    },
    /** The answers to the next `count` requests on `path` are lost: carried out, but the connection drops. */
    loseAnswers: (path: string, count = 1) => {
      losing.set(path, count);
    },
    setDown: (value: boolean) => {
      down = value;
    },
    /**
     * Requests on `path` are carried out, but their answers arrive once the returned function is called (a slow
     * network), or never, for a request whose client gives up (aborts) first.
     */
    hold: (path: string) => {
      let release = () => {};
      held.set(path, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        held.delete(path);
        release();
      };
    },
  };
}
