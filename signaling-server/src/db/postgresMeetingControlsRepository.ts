import type { Pool } from 'pg';
import { z } from 'zod';
import type { MeetingControlsRepository } from './Storage.js';

const row = z.object({ version: z.coerce.number(), state: z.string() });

export function postgresMeetingControlsRepository(pool: Pool): MeetingControlsRepository {
  return {
    async load(meetingId) {
      const { rows } = await pool.query('SELECT version, state FROM meeting_controls WHERE meeting_id = $1', [
        meetingId,
      ]);
      return rows[0] === undefined ? null : row.parse(rows[0]);
    },
    async save(meetingId, expectedVersion, state) {
      const result =
        expectedVersion === 0
          ? await pool.query(
              'INSERT INTO meeting_controls (meeting_id, version, state) VALUES ($1, 1, $2) ON CONFLICT DO NOTHING',
              [meetingId, state],
            )
          : await pool.query(
              'UPDATE meeting_controls SET version = version + 1, state = $1 WHERE meeting_id = $2 AND version = $3',
              [state, meetingId, expectedVersion],
            );
      return result.rowCount === 1;
    },
    async deleteOfMeetingsEndedBefore(before) {
      const result = await pool.query(
        `DELETE FROM meeting_controls WHERE meeting_id IN
         (SELECT id FROM meetings WHERE ended_at IS NOT NULL AND ended_at < $1)`,
        [before],
      );
      return result.rowCount ?? 0;
    },
  };
}
