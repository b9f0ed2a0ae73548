import type { SqliteDatabase } from './SqliteDatabase.js';
import type { ChatMessageRepository } from './Storage.js';
import { CHAT_MESSAGE_COLUMNS, chatMessageValues, toChatMessageRecord } from './toChatMessageRecord.js';

export function sqliteChatMessageRepository(db: SqliteDatabase): ChatMessageRepository {
  const insert = db.prepare(
    `INSERT INTO chat_messages (${CHAT_MESSAGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The newest first (rowid breaks ties in insertion order), turned around below.
  const readable = db.prepare(
    `SELECT ${CHAT_MESSAGE_COLUMNS} FROM chat_messages
     WHERE meeting_id = ? AND (recipient_id IS NULL OR recipient_id = ? OR sender_id = ?)
     ORDER BY sent_at DESC, rowid DESC LIMIT ?`,
  );
  const clear = db.prepare('DELETE FROM chat_messages WHERE meeting_id = ?');
  const sweep = db.prepare(
    `DELETE FROM chat_messages WHERE meeting_id IN
     (SELECT id FROM meetings WHERE ended_at IS NOT NULL AND ended_at < ?)`,
  );

  return {
    async insert(message) {
      insert.run(...chatMessageValues(message));
    },
    async listReadableBy(meetingId, userId, limit) {
      return readable.all(meetingId, userId, userId, limit).map(toChatMessageRecord).reverse();
    },
    async clear(meetingId) {
      return clear.run(meetingId).changes;
    },
    async deleteOfMeetingsEndedBefore(before) {
      return sweep.run(before).changes;
    },
  };
}
