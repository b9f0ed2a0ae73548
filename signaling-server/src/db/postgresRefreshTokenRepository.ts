import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { parseRow } from './parseRow.js';
import { missingCaseError } from '@wava/protocol';
import { decideRotation, refreshTokenRow, withinGrace } from './decideRotation.js';
import type { RefreshTokenRecord, RefreshTokenRepository, RotateOutcome } from './Storage.js';
import { withTransaction } from './withTransaction.js';

const familyRow = z.object({ family_id: z.string() });

/**
 * The first key of the per-family advisory locks (the second is a hash of the family id). Every change to a
 * family (rotating one of its tokens, revoking it) holds its lock until commit, so the changes to one sign-in
 * happen one after another across all servers: a replay revoking the family while another of its tokens is
 * rotated cannot miss the token that rotation adds. ("fam" in ASCII.)
 */
const FAMILY_LOCK_CLASS = 0x66616d;

const INSERT = `INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at, used_at, revoked_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

export function postgresRefreshTokenRepository(pool: Pool): RefreshTokenRepository {
  return {
    async insert(t) {
      await insertToken(pool, t);
    },
    rotate(presentedHash, next, now, graceMs) {
      return withTransaction(pool, async (client): Promise<RotateOutcome> => {
        if (!(await lockFamilyOf(client, presentedHash))) return { kind: 'not-found' };
        // Read again under the lock: what another server did to this token before we got the lock counts.
        const { rows } = await client.query(
          `SELECT id, family_id, user_id, expires_at, used_at, revoked_at FROM refresh_tokens
           WHERE token_hash = $1 FOR UPDATE`,
          [presentedHash],
        );
        const current = parseRow(refreshTokenRow, rows[0]);
        const successor =
          current && withinGrace(current, now, graceMs) ? await findByHash(client, next.tokenHash) : null;
        const decision = decideRotation(current, successor, next, now);
        switch (decision.action) {
          case 'answer':
            break;
          case 'revoke-family':
            await revokeFamily(client, decision.familyId, now);
            break;
          case 'rotate':
            await client.query('UPDATE refresh_tokens SET used_at = $1 WHERE id = $2', [now, decision.usedId]);
            await insertToken(client, decision.successor);
            break;
          default:
            throw missingCaseError(decision);
        }
        return decision.outcome;
      });
    },
    revokeFamilyOf(tokenHash, now) {
      return withTransaction(pool, async (client) => {
        const familyId = await lockFamilyOf(client, tokenHash);
        if (familyId !== null) await revokeFamily(client, familyId, now);
        return familyId;
      });
    },
    async isFamilyActive(familyId) {
      const { rows } = await pool.query(
        'SELECT 1 AS active FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL LIMIT 1',
        [familyId],
      );
      return rows.length > 0;
    },
    async deleteExpired(before) {
      const result = await pool.query('DELETE FROM refresh_tokens WHERE expires_at < $1', [before]);
      return result.rowCount ?? 0;
    },
  };
}

async function insertToken(db: Pool | PoolClient, t: RefreshTokenRecord): Promise<void> {
  await db.query(INSERT, [t.id, t.familyId, t.userId, t.tokenHash, t.createdAt, t.expiresAt, t.usedAt, t.revokedAt]);
}

async function findByHash(client: PoolClient, tokenHash: string) {
  const { rows } = await client.query(
    'SELECT id, family_id, user_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = $1',
    [tokenHash],
  );
  return parseRow(refreshTokenRow, rows[0]);
}

/** Takes the family lock of the token's family until the transaction ends; null when the token is unknown. */
async function lockFamilyOf(client: PoolClient, tokenHash: string): Promise<string | null> {
  const { rows } = await client.query('SELECT family_id FROM refresh_tokens WHERE token_hash = $1', [tokenHash]);
  const row = parseRow(familyRow, rows[0]);
  if (!row) return null;
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [FAMILY_LOCK_CLASS, row.family_id]);
  return row.family_id;
}

async function revokeFamily(client: PoolClient, familyId: string, now: number): Promise<void> {
  await client.query('UPDATE refresh_tokens SET revoked_at = $1 WHERE family_id = $2 AND revoked_at IS NULL', [
    now,
    familyId,
  ]);
}
