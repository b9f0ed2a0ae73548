import { randomBytes, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { MeetingWithHost } from '../db/Storage.js';
import { deriveKey } from './deriveKey.js';

const GUEST_ISSUER = 'wava-signaling';
/** Not the access tokens' audience, and another key: a guest token is never an account's access token. */
const GUEST_AUDIENCE = 'wava-guest';
/** How long a guest session lasts: a working day; it also dies with its meeting. */
export const GUEST_SESSION_TTL_MS = 12 * 3_600_000;

const claimsSchema = z.object({
  sub: z.string().regex(/^g_[A-Za-z0-9_-]{16,32}$/),
  name: z.string().min(1).max(64),
  mtg: z.string().min(1).max(64),
  code: z.string().min(1).max(16),
});

export interface GuestIdentity {
  /** `g_...`: never an account's id. */
  id: string;
  displayName: string;
  meetingId: string;
  code: string;
}

export interface GuestSessions {
  issue(
    meeting: Pick<MeetingWithHost, 'id' | 'code'>,
    displayName: string,
  ): { guest: GuestIdentity; token: string; expiresAt: number };
  /** The guest, when `token` is a guest token of ours that has not expired (HS256 only); null otherwise. */
  verify(token: string): GuestIdentity | null;
}

/** Guest sessions: HS256 JWTs under a key derived for guests alone, naming the one meeting they are good for. */
export function createGuestSessions(options: { secret: KeyObject; now: () => number; ttlMs?: number }): GuestSessions {
  const key = deriveKey(options.secret, 'guest-sessions');
  const ttlMs = options.ttlMs ?? GUEST_SESSION_TTL_MS;
  return {
    issue(meeting, displayName) {
      const guest: GuestIdentity = {
        id: `g_${randomBytes(12).toString('base64url')}`,
        displayName,
        meetingId: meeting.id,
        code: meeting.code,
      };
      const issuedAt = Math.floor(options.now() / 1000);
      const expiresAtSeconds = issuedAt + Math.floor(ttlMs / 1000);
      const token = jwt.sign(
        { sub: guest.id, name: displayName, mtg: meeting.id, code: meeting.code, iat: issuedAt, exp: expiresAtSeconds },
        key,
        { algorithm: 'HS256', issuer: GUEST_ISSUER, audience: GUEST_AUDIENCE },
      );
      return { guest, token, expiresAt: expiresAtSeconds * 1000 };
    },
    verify(token) {
      try {
        const claims = jwt.verify(token, key, {
          algorithms: ['HS256'],
          issuer: GUEST_ISSUER,
          audience: GUEST_AUDIENCE,
          clockTimestamp: Math.floor(options.now() / 1000),
        });
        const parsed = claimsSchema.safeParse(claims);
        if (!parsed.success) return null;
        const { sub, name, mtg, code } = parsed.data;
        return { id: sub, displayName: name, meetingId: mtg, code };
      } catch {
        return null;
      }
    },
  };
}
