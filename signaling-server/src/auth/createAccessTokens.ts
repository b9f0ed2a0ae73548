import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';

export const ACCESS_TOKEN_ISSUER = 'wava-signaling';
export const ACCESS_TOKEN_AUDIENCE = 'wava-client';

const idSchema = z.string().min(1).max(64);
const claimsSchema = z.object({ sub: idSchema, sid: idSchema });

export type AccessTokenCheck =
  | { ok: true; userId: string; sessionId: string }
  | { ok: false; code: 'TOKEN_EXPIRED' | 'TOKEN_INVALID' };

export interface AccessTokens {
  /** `sessionId` is the refresh-token family of the sign-in the token belongs to (claim `sid`). */
  issue(userId: string, sessionId: string): { token: string; expiresAt: number };
  /**
   * Checks signature (HS256 only), issuer, audience, expiry and the claims' shape. Does not check that the
   * user still exists or that the session is still signed in.
   */
  verify(token: string): AccessTokenCheck;
}

/** Short-lived HS256 access JWTs; `sub` is the user id, `sid` the sign-in (refresh-token family). */
export function createAccessTokens(options: { key: KeyObject; ttlMs: number; now: () => number }): AccessTokens {
  const { key, ttlMs, now } = options;
  return {
    issue(userId, sessionId) {
      const issuedAt = Math.floor(now() / 1000);
      const expiresAtSeconds = issuedAt + Math.max(1, Math.floor(ttlMs / 1000));
      const token = jwt.sign({ sub: userId, sid: sessionId, iat: issuedAt, exp: expiresAtSeconds }, key, {
        algorithm: 'HS256',
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
      });
      return { token, expiresAt: expiresAtSeconds * 1000 };
    },
    verify(token) {
      try {
        const claims = jwt.verify(token, key, {
          algorithms: ['HS256'],
          issuer: ACCESS_TOKEN_ISSUER,
          audience: ACCESS_TOKEN_AUDIENCE,
          clockTimestamp: Math.floor(now() / 1000),
        });
        // Signed by us before tokens named their sign-in: the client refreshes into one that does.
        if (typeof claims === 'object' && claims.sid === undefined) return { ok: false, code: 'TOKEN_EXPIRED' };
        const parsed = claimsSchema.safeParse(claims);
        return parsed.success
          ? { ok: true, userId: parsed.data.sub, sessionId: parsed.data.sid }
          : { ok: false, code: 'TOKEN_INVALID' };
      } catch (error) {
        return { ok: false, code: error instanceof jwt.TokenExpiredError ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID' };
      }
    },
  };
}
