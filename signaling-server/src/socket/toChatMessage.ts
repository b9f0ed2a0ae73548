import type { ChatMessage } from '@wava/protocol';
import type { ChatMessageRecord } from '../db/Storage.js';

/** A stored chat message as clients see it. */
export function toChatMessage(record: ChatMessageRecord): ChatMessage {
  return {
    id: record.id,
    from: { peerId: record.senderPeerId, displayName: record.senderName },
    to:
      record.recipientPeerId === null
        ? null
        : { peerId: record.recipientPeerId, displayName: record.recipientName ?? '' },
    text: record.text,
    sentAt: new Date(record.sentAt).toISOString(),
  };
}
