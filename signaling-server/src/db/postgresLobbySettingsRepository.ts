import type { Pool } from 'pg';
import { z } from 'zod';
import type { LobbySettingsRepository } from './Storage.js';

const row = z.object({ lobby: z.boolean() });

export function postgresLobbySettingsRepository(pool: Pool): LobbySettingsRepository {
  return {
    async set(meetingId, lobby) {
      await pool.query(
        `INSERT INTO meeting_lobby (meeting_id, lobby) VALUES ($1, $2)
         ON CONFLICT (meeting_id) DO UPDATE SET lobby = EXCLUDED.lobby`,
        [meetingId, lobby],
      );
    },
    async get(meetingId) {
      const { rows } = await pool.query('SELECT lobby FROM meeting_lobby WHERE meeting_id = $1', [meetingId]);
      return rows.length === 0 ? null : row.parse(rows[0]).lobby;
    },
    async deleteOfMeetingsEndedBefore(before) {
      const result = await pool.query(
        `DELETE FROM meeting_lobby WHERE meeting_id IN
         (SELECT id FROM meetings WHERE ended_at IS NOT NULL AND ended_at < $1)`,
        [before],
      );
      return result.rowCount ?? 0;
    },
  };
}
