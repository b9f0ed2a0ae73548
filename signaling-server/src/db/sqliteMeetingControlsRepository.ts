import { z } from 'zod';
import { insertUnlessTaken } from './insertUnlessTaken.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import type { MeetingControlsRepository } from './Storage.js';

const row = z.object({ version: z.number(), state: z.string() });

export function sqliteMeetingControlsRepository(db: SqliteDatabase): MeetingControlsRepository {
  const select = db.prepare('SELECT version, state FROM meeting_controls WHERE meeting_id = ?');
  const insert = db.prepare('INSERT INTO meeting_controls (meeting_id, version, state) VALUES (?, 1, ?)');
  const update = db.prepare(
    'UPDATE meeting_controls SET version = version + 1, state = ? WHERE meeting_id = ? AND version = ?',
  );
  const sweep = db.prepare(
    'DELETE FROM meeting_controls WHERE meeting_id IN (SELECT id FROM meetings WHERE ended_at IS NOT NULL AND ended_at < ?)',
  );
  return {
    async load(meetingId) {
      const found = select.get(meetingId);
      return found === undefined ? null : row.parse(found);
    },
    async save(meetingId, expectedVersion, state) {
      if (expectedVersion === 0) return insertUnlessTaken(insert, meetingId, state);
      return update.run(state, meetingId, expectedVersion).changes === 1;
    },
    async deleteOfMeetingsEndedBefore(before) {
      return sweep.run(before).changes;
    },
  };
}
