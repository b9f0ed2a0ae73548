import { participantSchema } from '@wava/protocol';
import { z } from 'zod';

const seatSchema = z.object({
  peerId: z.string().min(1).max(64),
  userId: z.string().min(1).max(64),
  meetingId: z.string().min(1).max(64),
  seat: z.string().min(1).max(64),
});

/**
 * What the servers of one deployment tell each other over Redis pub/sub (channel `wava:bus`). Every server
 * receives every message, its own too, and acts on what it holds locally. Validated on receipt like any input.
 */
export const clusterMessageSchema = z.discriminatedUnion('type', [
  /** The host ended a meeting: every server tells its seat holders and frees their seats. */
  z.object({ type: z.literal('meeting-ended'), meetingId: z.string().min(1), code: z.string().min(1) }),
  /** A sign-in was revoked: every server ends its connections made with it. */
  z.object({
    type: z.literal('session-revoked'),
    sessionId: z.string().min(1),
    code: z.enum(['TOKEN_INVALID', 'REFRESH_REUSED']),
  }),
  /** A seat was freed: the server holding its PeerJS websocket closes it. */
  z.object({ type: z.literal('seat-freed'), peerId: z.string().min(1), seat: z.string().min(1) }),
  /** A seat's PeerJS websocket opened (on any server) and it fitted: the server holding its socket announces it. */
  z.object({ type: z.literal('seat-ready'), seat: seatSchema, others: z.array(participantSchema) }),
  /** A seat's PeerJS websocket opened but the meeting was full by then: the server holding its socket drops it. */
  z.object({ type: z.literal('seat-refused'), seat: seatSchema }),
]);
export type ClusterMessage = z.infer<typeof clusterMessageSchema>;
