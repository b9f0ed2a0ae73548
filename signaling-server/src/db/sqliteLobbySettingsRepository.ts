import { z } from 'zod';
import type { SqliteDatabase } from './SqliteDatabase.js';
import type { LobbySettingsRepository } from './Storage.js';

const row = z.object({ lobby: z.number() });

export function sqliteLobbySettingsRepository(db: SqliteDatabase): LobbySettingsRepository {
  const set = db.prepare(
    'INSERT INTO meeting_lobby (meeting_id, lobby) VALUES (?, ?) ON CONFLICT (meeting_id) DO UPDATE SET lobby = excluded.lobby',
  );
  const get = db.prepare('SELECT lobby FROM meeting_lobby WHERE meeting_id = ?');
  const sweep = db.prepare(
    'DELETE FROM meeting_lobby WHERE meeting_id IN (SELECT id FROM meetings WHERE ended_at IS NOT NULL AND ended_at < ?)',
  );
  return {
    async set(meetingId, lobby) {
      set.run(meetingId, lobby ? 1 : 0);
    },
    async get(meetingId) {
      const found = get.get(meetingId);
      return found === undefined ? null : row.parse(found).lobby !== 0;
    },
    async deleteOfMeetingsEndedBefore(before) {
      return sweep.run(before).changes;
    },
  };
}
