import { insertUnlessTaken } from './insertUnlessTaken.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import type { UserRepository } from './Storage.js';
import { toUserRecord, USER_COLUMNS } from './toUserRecord.js';

export function sqliteUserRepository(db: SqliteDatabase): UserRepository {
  const insert = db.prepare(`INSERT INTO users (${USER_COLUMNS}) VALUES (?, ?, ?, ?, ?)`);
  const byId = db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
  const byUsername = db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE username = ?`);
  const setHash = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');

  return {
    async create(user) {
      return insertUnlessTaken(insert, user.id, user.username, user.displayName, user.passwordHash, user.createdAt);
    },
    async findById(id) {
      return toUserRecord(byId.get(id));
    },
    async findByUsername(username) {
      return toUserRecord(byUsername.get(username));
    },
    async updatePasswordHash(id, passwordHash) {
      setHash.run(passwordHash, id);
    },
  };
}
