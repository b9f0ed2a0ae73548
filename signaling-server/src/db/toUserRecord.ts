import { z } from 'zod';
import { parseRow } from './parseRow.js';
import type { UserRecord } from './Storage.js';

const userRow = z.object({
  id: z.string(),
  username: z.string(),
  display_name: z.string(),
  password_hash: z.string(),
  created_at: z.number(),
});

/** The columns `toUserRecord` reads, in the order the INSERTs list them. */
export const USER_COLUMNS = 'id, username, display_name, password_hash, created_at';

/** A `users` row from either adapter, checked; null when there was no row. */
export function toUserRecord(row: unknown): UserRecord | null {
  const r = parseRow(userRow, row);
  if (!r) return null;
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    createdAt: r.created_at,
  };
}
