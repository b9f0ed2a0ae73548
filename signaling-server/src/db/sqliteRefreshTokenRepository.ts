import { z } from 'zod';
import { parseRow } from './parseRow.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import type { RefreshTokenRepository, RotateOutcome } from './Storage.js';

const tokenRow = z.object({
  id: z.string(),
  family_id: z.string(),
  user_id: z.string(),
  expires_at: z.number(),
  used_at: z.number().nullable(),
  revoked_at: z.number().nullable(),
});

export function sqliteRefreshTokenRepository(db: SqliteDatabase): RefreshTokenRepository {
  const insert = db.prepare(
    `INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at, used_at, revoked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byHash = db.prepare(
    'SELECT id, family_id, user_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = ?',
  );
  const markUsed = db.prepare('UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL');
  const revokeFamily = db.prepare(
    'UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL',
  );
  const activeInFamily = db.prepare(
    'SELECT 1 AS active FROM refresh_tokens WHERE family_id = ? AND revoked_at IS NULL LIMIT 1',
  );
  const removeExpired = db.prepare('DELETE FROM refresh_tokens WHERE expires_at < ?');

  const find = (hash: string) => parseRow(tokenRow, byHash.get(hash));

  const rotate = db.transaction(
    (
      presentedHash: string,
      next: Parameters<RefreshTokenRepository['rotate']>[1],
      now: number,
      graceMs: number,
    ): RotateOutcome => {
      const current = find(presentedHash);
      if (!current) return { kind: 'not-found' };
      if (current.used_at !== null) {
        const withinGrace = graceMs > 0 && now - current.used_at <= graceMs;
        const successor = withinGrace ? find(next.tokenHash) : null;
        if (
          successor &&
          successor.family_id === current.family_id &&
          successor.used_at === null &&
          successor.revoked_at === null &&
          successor.expires_at > now
        ) {
          return {
            kind: 'rotated',
            userId: current.user_id,
            familyId: current.family_id,
            expiresAt: successor.expires_at,
            repeated: true,
          };
        }
        revokeFamily.run(now, current.family_id);
        return { kind: 'reused', userId: current.user_id, familyId: current.family_id };
      }
      if (current.revoked_at !== null) return { kind: 'revoked' };
      if (current.expires_at <= now) return { kind: 'expired' };
      markUsed.run(now, current.id);
      insert.run(
        next.id,
        current.family_id,
        current.user_id,
        next.tokenHash,
        next.createdAt,
        next.expiresAt,
        null,
        null,
      );
      return {
        kind: 'rotated',
        userId: current.user_id,
        familyId: current.family_id,
        expiresAt: next.expiresAt,
        repeated: false,
      };
    },
  );

  return {
    async insert(t) {
      insert.run(t.id, t.familyId, t.userId, t.tokenHash, t.createdAt, t.expiresAt, t.usedAt, t.revokedAt);
    },
    async rotate(presentedHash, next, now, graceMs) {
      return rotate.immediate(presentedHash, next, now, graceMs);
    },
    async revokeFamilyOf(tokenHash, now) {
      const current = find(tokenHash);
      if (!current) return null;
      revokeFamily.run(now, current.family_id);
      return current.family_id;
    },
    async isFamilyActive(familyId) {
      const row = activeInFamily.get(familyId);
      return row !== undefined && row !== null;
    },
    async deleteExpired(before) {
      return removeExpired.run(before).changes;
    },
  };
}
