import { z } from 'zod';
import type { NewRefreshToken, RefreshTokenRecord, RotateOutcome } from './Storage.js';

/** A stored refresh token as both adapters read it (snake_case columns). */
export const refreshTokenRow = z.object({
  id: z.string(),
  family_id: z.string(),
  user_id: z.string(),
  expires_at: z.number(),
  used_at: z.number().nullable(),
  revoked_at: z.number().nullable(),
});
export type RefreshTokenRow = z.infer<typeof refreshTokenRow>;

/** What `rotate` does with the presented token, decided the same way by every adapter. */
export type RotationDecision =
  /** Answer this and change nothing. */
  | { action: 'answer'; outcome: RotateOutcome }
  /** The token was used before, outside the grace period: revoke the family `familyId`, then answer. */
  | { action: 'revoke-family'; familyId: string; outcome: RotateOutcome }
  /** Mark the token `usedId` used and store `successor` (`next`, in its family), then answer. */
  | { action: 'rotate'; usedId: string; successor: RefreshTokenRecord; outcome: RotateOutcome };

/** Whether a used token's rotation may look up the successor a repeat would get (within the grace period). */
export function withinGrace(current: RefreshTokenRow, now: number, graceMs: number): boolean {
  return current.used_at !== null && graceMs > 0 && now - current.used_at <= graceMs;
}

/**
 * The rotation rule (see RefreshTokenRepository.rotate). `successor` is the stored token with `next`'s hash, read
 * only when `withinGrace`: a repeat within the grace period of the rotation that stored it gets it again.
 */
export function decideRotation(
  current: RefreshTokenRow | null,
  successor: RefreshTokenRow | null,
  next: NewRefreshToken,
  now: number,
): RotationDecision {
  if (!current) return { action: 'answer', outcome: { kind: 'not-found' } };
  const family = { userId: current.user_id, familyId: current.family_id };
  if (current.used_at !== null) {
    const repeat =
      successor !== null &&
      successor.family_id === current.family_id &&
      successor.used_at === null &&
      successor.revoked_at === null &&
      successor.expires_at > now;
    return repeat
      ? { action: 'answer', outcome: { kind: 'rotated', ...family, expiresAt: successor.expires_at, repeated: true } }
      : { action: 'revoke-family', familyId: current.family_id, outcome: { kind: 'reused', ...family } };
  }
  if (current.revoked_at !== null) return { action: 'answer', outcome: { kind: 'revoked' } };
  if (current.expires_at <= now) return { action: 'answer', outcome: { kind: 'expired' } };
  return {
    action: 'rotate',
    usedId: current.id,
    successor: { ...next, ...family, usedAt: null, revokedAt: null },
    outcome: { kind: 'rotated', ...family, expiresAt: next.expiresAt, repeated: false },
  };
}
