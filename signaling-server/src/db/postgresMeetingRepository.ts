import type { Pool } from 'pg';
import { z } from 'zod';
import type { MeetingRepository } from './Storage.js';
import { MEETING_WITH_HOST_COLUMNS, toMeetingWithHost } from './toMeetingWithHost.js';

const countRow = z.object({ count: z.number() });
const inactiveRow = z.object({ id: z.string(), code: z.string(), last_active_at: z.number() });

export function postgresMeetingRepository(pool: Pool): MeetingRepository {
  return {
    async create(m) {
      // A taken code (or id): nothing inserted, no error; the caller picks another code.
      const result = await pool.query(
        `INSERT INTO meetings (id, code, title, host_id, created_at, ended_at, last_active_at)
         VALUES ($1, $2, $3, $4, $5, $6, $5) ON CONFLICT DO NOTHING`,
        [m.id, m.code, m.title, m.hostId, m.createdAt, m.endedAt],
      );
      return result.rowCount === 1;
    },
    async findByCode(code) {
      const { rows } = await pool.query(
        `SELECT ${MEETING_WITH_HOST_COLUMNS} FROM meetings m JOIN users u ON u.id = m.host_id WHERE m.code = $1`,
        [code],
      );
      return toMeetingWithHost(rows[0]);
    },
    async end(id, at) {
      const result = await pool.query('UPDATE meetings SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL', [at, id]);
      return result.rowCount === 1;
    },
    async countCreatedSince(hostId, since) {
      const { rows } = await pool.query(
        'SELECT COUNT(*) AS count FROM meetings WHERE host_id = $1 AND created_at > $2',
        [hostId, since],
      );
      return countRow.parse(rows[0]).count;
    },
    async setTitle(id, title) {
      await pool.query('UPDATE meetings SET title = $1 WHERE id = $2 AND ended_at IS NULL', [title, id]);
    },
    async touch(id, at) {
      await pool.query('UPDATE meetings SET last_active_at = $1 WHERE id = $2 AND ended_at IS NULL', [at, id]);
    },
    async listOpenInactiveSince(before, limit) {
      const { rows } = await pool.query(
        `SELECT id, code, last_active_at FROM meetings WHERE ended_at IS NULL AND last_active_at < $1
         ORDER BY last_active_at LIMIT $2`,
        [before, limit],
      );
      return rows.map((row) => {
        const r = inactiveRow.parse(row);
        return { id: r.id, code: r.code, lastActiveAt: r.last_active_at };
      });
    },
  };
}
