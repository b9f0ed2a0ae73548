import { z } from 'zod';

/** The PeerJS wire protocol's message types (PeerJS 1.x, server side). */
export const PEER_MESSAGE_TYPES = [
  'OPEN',
  'OFFER',
  'ANSWER',
  'CANDIDATE',
  'LEAVE',
  'EXPIRE',
  'HEARTBEAT',
  'ID-TAKEN',
  'ERROR',
] as const;
export type PeerMessageType = (typeof PEER_MESSAGE_TYPES)[number];

/** What a client may send: a heartbeat, or signalling for one peer of its meeting. */
export const clientPeerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('HEARTBEAT') }),
  z.object({
    type: z.enum(['OFFER', 'ANSWER', 'CANDIDATE', 'LEAVE', 'EXPIRE']),
    dst: z.string().min(1).max(64),
    payload: z.unknown().optional(),
  }),
]);
export type ClientPeerMessage = z.infer<typeof clientPeerMessageSchema>;
export type RelayedPeerMessage = Exclude<ClientPeerMessage, { type: 'HEARTBEAT' }>;

/** What the server sends: OPEN once connected, relayed signalling stamped with the sender's id, EXPIRE. */
export interface ServerPeerMessage {
  type: PeerMessageType;
  src?: string;
  dst?: string;
  payload?: unknown;
}
