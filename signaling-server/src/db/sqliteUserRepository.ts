import { z } from 'zod';
import { insertUnlessTaken } from './insertUnlessTaken.js';
import { parseRow } from './parseRow.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import type { UserRecord, UserRepository } from './Storage.js';

const userRow = z.object({
  id: z.string(),
  username: z.string(),
  display_name: z.string(),
  password_hash: z.string(),
  created_at: z.number(),
});

const COLUMNS = 'id, username, display_name, password_hash, created_at';

export function sqliteUserRepository(db: SqliteDatabase): UserRepository {
  const insert = db.prepare(`INSERT INTO users (${COLUMNS}) VALUES (?, ?, ?, ?, ?)`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`);
  const byUsername = db.prepare(`SELECT ${COLUMNS} FROM users WHERE username = ?`);
  const setHash = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');

  return {
    async create(user) {
      return insertUnlessTaken(insert, user.id, user.username, user.displayName, user.passwordHash, user.createdAt);
    },
    async findById(id) {
      return toUser(byId.get(id));
    },
    async findByUsername(username) {
      return toUser(byUsername.get(username));
    },
    async updatePasswordHash(id, passwordHash) {
      setHash.run(passwordHash, id);
    },
  };
}

function toUser(row: unknown): UserRecord | null {
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
