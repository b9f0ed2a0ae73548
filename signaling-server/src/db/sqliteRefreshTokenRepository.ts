import { parseRow } from './parseRow.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import { missingCaseError } from '@wava/protocol';
import { decideRotation, refreshTokenRow, withinGrace } from './decideRotation.js';
import type { NewRefreshToken, RefreshTokenRecord, RefreshTokenRepository, RotateOutcome } from './Storage.js';

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

  const find = (hash: string) => parseRow(refreshTokenRow, byHash.get(hash));
  const insertToken = (t: RefreshTokenRecord) =>
    insert.run(t.id, t.familyId, t.userId, t.tokenHash, t.createdAt, t.expiresAt, t.usedAt, t.revokedAt);

  const rotate = db.transaction(
    (presentedHash: string, next: NewRefreshToken, now: number, graceMs: number): RotateOutcome => {
      const current = find(presentedHash);
      const successor = current && withinGrace(current, now, graceMs) ? find(next.tokenHash) : null;
      const decision = decideRotation(current, successor, next, now);
      switch (decision.action) {
        case 'answer':
          break;
        case 'revoke-family':
          revokeFamily.run(now, decision.familyId);
          break;
        case 'rotate':
          markUsed.run(now, decision.usedId);
          insertToken(decision.successor);
          break;
        default:
          throw missingCaseError(decision);
      }
      return decision.outcome;
    },
  );

  return {
    async insert(t) {
      insertToken(t);
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
