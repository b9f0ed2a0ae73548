import { z } from 'zod';
import type { ChatMessageRecord } from './Storage.js';

const chatRow = z.object({
  id: z.string(),
  meeting_id: z.string(),
  sender_id: z.string(),
  sender_peer_id: z.string(),
  sender_name: z.string(),
  recipient_id: z.string().nullable(),
  recipient_peer_id: z.string().nullable(),
  recipient_name: z.string().nullable(),
  text: z.string(),
  sent_at: z.number(),
});

/** The columns `toChatMessageRecord` reads. */
export const CHAT_MESSAGE_COLUMNS =
  'id, meeting_id, sender_id, sender_peer_id, sender_name, recipient_id, recipient_peer_id, recipient_name, text, sent_at';

/** A chat_messages row from either adapter, checked. */
export function toChatMessageRecord(row: unknown): ChatMessageRecord {
  const r = chatRow.parse(row);
  return {
    id: r.id,
    meetingId: r.meeting_id,
    senderId: r.sender_id,
    senderPeerId: r.sender_peer_id,
    senderName: r.sender_name,
    recipientId: r.recipient_id,
    recipientPeerId: r.recipient_peer_id,
    recipientName: r.recipient_name,
    text: r.text,
    sentAt: r.sent_at,
  };
}

/** The values of an INSERT in CHAT_MESSAGE_COLUMNS order. */
export function chatMessageValues(m: ChatMessageRecord): unknown[] {
  return [
    m.id,
    m.meetingId,
    m.senderId,
    m.senderPeerId,
    m.senderName,
    m.recipientId,
    m.recipientPeerId,
    m.recipientName,
    m.text,
    m.sentAt,
  ];
}
