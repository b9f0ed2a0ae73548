import { z } from 'zod';
import { insertUnlessTaken } from './insertUnlessTaken.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import type { MeetingRepository } from './Storage.js';
import { MEETING_WITH_HOST_COLUMNS, toMeetingWithHost } from './toMeetingWithHost.js';

const countRow = z.object({ count: z.number() });

export function sqliteMeetingRepository(db: SqliteDatabase): MeetingRepository {
  const insert = db.prepare(
    'INSERT INTO meetings (id, code, title, host_id, created_at, ended_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byCode = db.prepare(
    `SELECT ${MEETING_WITH_HOST_COLUMNS} FROM meetings m JOIN users u ON u.id = m.host_id WHERE m.code = ?`,
  );
  const end = db.prepare('UPDATE meetings SET ended_at = ? WHERE id = ? AND ended_at IS NULL');
  const countSince = db.prepare('SELECT COUNT(*) AS count FROM meetings WHERE host_id = ? AND created_at > ?');

  return {
    async create(m) {
      return insertUnlessTaken(insert, m.id, m.code, m.title, m.hostId, m.createdAt, m.endedAt);
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
  };
}
