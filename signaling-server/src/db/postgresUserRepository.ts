import type { Pool } from 'pg';
import type { UserRepository } from './Storage.js';
import { toUserRecord, USER_COLUMNS } from './toUserRecord.js';

export function postgresUserRepository(pool: Pool): UserRepository {
  return {
    async create(user) {
      // Taken id or username: nothing inserted, no error.
      const result = await pool.query(
        `INSERT INTO users (${USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [user.id, user.username, user.displayName, user.passwordHash, user.createdAt],
      );
      return result.rowCount === 1;
    },
    async findById(id) {
      const { rows } = await pool.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
      return toUserRecord(rows[0]);
    },
    async findByUsername(username) {
      const { rows } = await pool.query(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [username]);
      return toUserRecord(rows[0]);
    },
    async updatePasswordHash(id, passwordHash) {
      await pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, id]);
    },
  };
}
