import { createHmac, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { PeerCredentials } from '@wava/protocol';
import { z } from 'zod';

const TAG_LENGTH = 12;
/** A peer id's 20 hex after the dash: a descending time prefix of 11 hex (44 bits of milliseconds), then 9 random. */
const TIME_HEX = 11;
const RANDOM_HEX = 9;
const LATEST_MS = 2 ** (4 * TIME_HEX) - 1;
const PEER_ID_PATTERN = /^([0-9a-f]{12})-([0-9a-f]{20})$/;
const MAX_PAYLOAD_CHARS = 400;
/** Clock skew tolerated on a token's issue time. */
const SKEW_MS = 60_000;

const payloadSchema = z.strictObject({
  u: z.string().min(1).max(64),
  m: z.string().min(1).max(64),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().nonnegative(),
  /** The seat the token was issued for; tokens from before seats were bound have none and open nothing. */
  s: z.string().min(1).max(64).optional(),
});

export type PeerTokenCheck =
  | { ok: true; userId: string; meetingId: string; issuedAt: number; seat: string | null }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-meeting' | 'expired' | 'too-old' };

export interface PeerCredentialIssuer {
  /** The PeerJS `key`: not a secret, stable across restarts because it is derived from the peer secret. */
  readonly key: string;
  /**
   * `<meetingTag>-<descending time><random>`: a fresh peer id bound to the meeting. Ids issued later sort first, so
   * with the pair rule (the smaller id places the call) the newcomer calls everyone as soon as its join is answered.
   */
  newPeerId(meetingId: string): string;
  /** A token for one seat (`seat` is the seat's nonce, see createRoomRegistry): it opens nothing once the seat is gone. */
  issue(peerId: string, userId: string, meetingId: string, seat: string): PeerCredentials;
  /**
   * Verifies a peer id and token: the MAC, that the id's meeting tag matches the token's meeting, and expiry.
   * With `resume`, an expired token is still accepted while it is younger than `maxAgeMs`.
   */
  verify(peerId: string, token: string, options?: { resume?: boolean }): PeerTokenCheck;
  /** The meeting tag of a peer id we issued, or null for anything else. */
  meetingTagOf(peerId: string): string | null;
  /** The tag every peer id of this meeting carries. */
  meetingTag(meetingId: string): string;
}

/**
 * Peer ids and their tokens. The token is self-verifying, so it survives a server restart:
 * `base64url({u, m, iat, exp, s}) + '.' + base64url(HMAC-SHA256(peerSecret, peerId + '.' + payload))`.
 */
export function createPeerCredentials(options: {
  key: KeyObject;
  ttlMs: number;
  maxAgeMs: number;
  now: () => number;
}): PeerCredentialIssuer {
  const { key, ttlMs, maxAgeMs, now } = options;
  const mac = (text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
  const tagFor = (meetingId: string) => mac(`meeting-tag:${meetingId}`).toString('hex').slice(0, TAG_LENGTH);

  return {
    key: mac('peerjs-key').toString('hex').slice(0, 16),
    newPeerId(meetingId) {
      // Clamped: a clock before 1970 or after the year 2527 costs only the order, never the format.
      const descending = LATEST_MS - Math.min(Math.max(Math.floor(now()), 0), LATEST_MS);
      const random = randomBytes(Math.ceil(RANDOM_HEX / 2))
        .toString('hex')
        .slice(0, RANDOM_HEX);
      return `${tagFor(meetingId)}-${descending.toString(16).padStart(TIME_HEX, '0')}${random}`;
    },
    issue(peerId, userId, meetingId, seat) {
      const issuedAt = now();
      const payload = Buffer.from(
        JSON.stringify({ u: userId, m: meetingId, iat: issuedAt, exp: issuedAt + ttlMs, s: seat }),
      ).toString('base64url');
      return { id: peerId, token: `${payload}.${mac(`${peerId}.${payload}`).toString('base64url')}` };
    },
    verify(peerId, token, verifyOptions = {}) {
      const tag = PEER_ID_PATTERN.exec(peerId)?.[1];
      const parts = token.split('.');
      if (!tag || parts.length !== 2 || parts[0]!.length > MAX_PAYLOAD_CHARS) return { ok: false, reason: 'malformed' };
      const [payloadText, signature] = parts as [string, string];
      const expected = mac(`${peerId}.${payloadText}`);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { ok: false, reason: 'bad-signature' };
      let payload: z.infer<typeof payloadSchema>;
      try {
        payload = payloadSchema.parse(JSON.parse(Buffer.from(payloadText, 'base64url').toString('utf8')));
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      if (tagFor(payload.m) !== tag) return { ok: false, reason: 'wrong-meeting' };
      const at = now();
      if (payload.iat > at + SKEW_MS) return { ok: false, reason: 'malformed' };
      if (verifyOptions.resume) {
        if (payload.iat + maxAgeMs <= at) return { ok: false, reason: 'too-old' };
      } else if (payload.exp <= at) {
        return { ok: false, reason: 'expired' };
      }
      return { ok: true, userId: payload.u, meetingId: payload.m, issuedAt: payload.iat, seat: payload.s ?? null };
    },
    meetingTagOf(peerId) {
      return PEER_ID_PATTERN.exec(peerId)?.[1] ?? null;
    },
    meetingTag: tagFor,
  };
}
