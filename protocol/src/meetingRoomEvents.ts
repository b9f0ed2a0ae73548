import { z } from 'zod';
import { CHAT_TEXT_FORBIDDEN, LIMITS } from './limits.js';

/**
 * The meeting's room features on the wire: chat (to everyone or to one person), raised hands and reactions.
 * Payloads a client sends are validated by these schemas on the server; the server-to-client ones are exported so
 * clients (and the server's own contract table) check what arrives.
 */

const peerIdSchema = z.string().min(1).max(128);

/**
 * Plain text, 1 to 2,000 characters after trimming; never HTML (clients render it as text). Line breaks and tabs
 * are fine; other control characters and invisible or direction-changing ones (which could make a message or a
 * link read differently from what it is) are refused with CHAT_MESSAGE_CHARACTERS.
 */
export const chatTextSchema = z
  .string({ error: 'CHAT_MESSAGE_INVALID' })
  .max(LIMITS.chatMessageMax * 2, { error: 'CHAT_MESSAGE_INVALID' })
  .trim()
  .min(1, { error: 'CHAT_MESSAGE_INVALID' })
  .max(LIMITS.chatMessageMax, { error: 'CHAT_MESSAGE_INVALID' })
  .refine((text) => !CHAT_TEXT_FORBIDDEN.test(text), { error: 'CHAT_MESSAGE_CHARACTERS' });

export const chatSendSchema = z.strictObject({
  /** A private message: the recipient's peer id. Omitted: to everyone. */
  to: peerIdSchema.optional(),
  text: chatTextSchema,
});
export type ChatSend = z.infer<typeof chatSendSchema>;

const chatPartySchema = z.object({ peerId: peerIdSchema, displayName: z.string() });

export const chatMessageSchema = z.object({
  id: z.string().min(1).max(64),
  from: chatPartySchema,
  /** Set on a private message: it went only to this person and its sender. */
  to: chatPartySchema.nullable(),
  text: z.string().min(1).max(LIMITS.chatMessageMax),
  /** ISO 8601. */
  sentAt: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** The meeting's earlier messages this person may read (to everyone, or private to or from them), oldest first. */
export const chatHistorySchema = z.object({ messages: z.array(chatMessageSchema).max(LIMITS.chatHistoryMax) });
export type ChatHistory = z.infer<typeof chatHistorySchema>;

export const handLowerSchema = z.strictObject({
  /** Whose hand: the host may lower anyone's. Omitted: one's own. */
  peerId: peerIdSchema.optional(),
});
export type HandLower = z.infer<typeof handLowerSchema>;

export const raisedHandSchema = z.object({ peerId: peerIdSchema, /** ISO 8601. */ raisedAt: z.string() });
export type RaisedHand = z.infer<typeof raisedHandSchema>;

/** Every raised hand of the meeting, in the order they went up. */
export const handsSchema = z.object({ hands: z.array(raisedHandSchema).max(1000) });
export type Hands = z.infer<typeof handsSchema>;

/** The fixed set of reactions. */
export const REACTION_EMOJI = ['👍', '👏', '❤️', '😂', '😮', '🎉'] as const;
export type ReactionEmoji = (typeof REACTION_EMOJI)[number];

export const reactionSendSchema = z.strictObject({ emoji: z.enum(REACTION_EMOJI, { error: 'BAD_REQUEST' }) });
export type ReactionSend = z.infer<typeof reactionSendSchema>;

export const reactionSchema = z.object({
  peerId: peerIdSchema,
  emoji: z.enum(REACTION_EMOJI),
  /** ISO 8601. */
  sentAt: z.string(),
});
export type Reaction = z.infer<typeof reactionSchema>;

/** The host cleared the chat: every panel empties. */
export const chatClearedSchema = z.object({});
export type ChatCleared = z.infer<typeof chatClearedSchema>;

/** Per connection: how many of each a person may send at once, and how fast that refills. */
export const ROOM_EVENT_LIMITS = {
  /** Five messages per ten seconds. */
  chat: { burst: 5, perSecond: 0.5 },
  /** Three reactions per two seconds. */
  reaction: { burst: 3, perSecond: 1.5 },
  /** Hands up and down (and history and clear requests): ten at once, one a second after that. */
  hand: { burst: 10, perSecond: 1 },
} as const;
