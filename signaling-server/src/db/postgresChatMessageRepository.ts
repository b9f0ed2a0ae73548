import type { Pool } from 'pg';
import type { ChatMessageRepository } from './Storage.js';
import { CHAT_MESSAGE_COLUMNS, chatMessageValues, toChatMessageRecord } from './toChatMessageRecord.js';

export function postgresChatMessageRepository(pool: Pool): ChatMessageRepository {
  return {
    async insert(message) {
      await pool.query(
        `INSERT INTO chat_messages (${CHAT_MESSAGE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        chatMessageValues(message),
      );
    },
    async listReadableBy(meetingId, userId, limit) {
      // The newest first (seq breaks ties in insertion order), turned around below.
      const { rows } = await pool.query(
        `SELECT ${CHAT_MESSAGE_COLUMNS} FROM chat_messages
         WHERE meeting_id = $1 AND (recipient_id IS NULL OR recipient_id = $2 OR sender_id = $2)
         ORDER BY sent_at DESC, seq DESC LIMIT $3`,
        [meetingId, userId, limit],
      );
      return rows.map(toChatMessageRecord).reverse();
    },
    async clear(meetingId) {
      const result = await pool.query('DELETE FROM chat_messages WHERE meeting_id = $1', [meetingId]);
      return result.rowCount ?? 0;
    },
    async deleteOfMeetingsEndedBefore(before) {
      const result = await pool.query(
        `DELETE FROM chat_messages WHERE meeting_id IN
         (SELECT id FROM meetings WHERE ended_at IS NOT NULL AND ended_at < $1)`,
        [before],
      );
      return result.rowCount ?? 0;
    },
  };
}
