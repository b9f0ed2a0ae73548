import { z } from 'zod';
import { insertUnlessTaken } from './insertUnlessTaken.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import type { MeetingRepository } from './Storage.js';
import { MEETING_WITH_HOST_COLUMNS, toMeetingWithHost } from './toMeetingWithHost.js';

const countRow = z.object({ count: z.number() });
const inactiveRow = z.object({ id: z.string(), code: z.string(), last_active_at: z.number() });

export function sqliteMeetingRepository(db: SqliteDatabase): MeetingRepository {
  const insert = db.prepare(
    'INSERT INTO meetings (id, code, title, host_id, created_at, ended_at, last_active_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const touch = db.prepare('UPDATE meetings SET last_active_at = ? WHERE id = ? AND ended_at IS NULL');
  const inactive = db.prepare(
    `SELECT id, code, last_active_at FROM meetings WHERE ended_at IS NULL AND last_active_at < ?
     ORDER BY last_active_at LIMIT ?`,
  );
  const byCode = db.prepare(
    `SELECT ${MEETING_WITH_HOST_COLUMNS} FROM meetings m JOIN users u ON u.id = m.host_id WHERE m.code = ?`,
  );
  const end = db.prepare('UPDATE meetings SET ended_at = ? WHERE id = ? AND ended_at IS NULL');
  const setTitle = db.prepare('UPDATE meetings SET title = ? WHERE id = ? AND ended_at IS NULL');
  const countSince = db.prepare('SELECT COUNT(*) AS count FROM meetings WHERE host_id = ? AND created_at > ?');

  return {
    async create(m) {
      return insertUnlessTaken(insert, m.id, m.code, m.title, m.hostId, m.createdAt, m.endedAt, m.createdAt);
    },
    async findByCode(code) {
      return toMeetingWithHost(byCode.get(code));
    },
    async end(id, at) {
      return end.run(at, id).changes > 0;
    },
    async countCreatedSince(hostId, since) {
      return countRow.parse(countSince.get(hostId, since)).count;
    },
    async setTitle(id, title) {
      setTitle.run(title, id);
    },
    async touch(id, at) {
      touch.run(at, id);
    },
    async listOpenInactiveSince(before, limit) {
      return inactive.all(before, limit).map((row) => {
        const r = inactiveRow.parse(row);
        return { id: r.id, code: r.code, lastActiveAt: r.last_active_at };
      });
    },
  };
}
