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
  /**
   * A seat's PeerJS websocket opened on some server: the server holding its socket makes it ready in the ledger
   * (if the meeting still has a place) and announces it.
   */
  z.object({ type: z.literal('seat-opened'), seat: seatSchema }),
  /**
   * The seat became ready in the ledger (published before it is announced): the server holding its PeerJS
   * websocket lets it signal from now on (until then, what it sends waits; a seat refused reaches nobody).
   */
  z.object({ type: z.literal('seat-ready'), seat: seatSchema }),
  /**
   * The same person resumed their peer id on another connection: the server holding the older seat drops it
   * quietly (no `participant:left`: the person is still here) and its PeerJS websocket closes.
   */
  z.object({ type: z.literal('seat-replaced'), seat: seatSchema, previousSeat: z.string().min(1) }),
  /**
   * A seat made ready in the ledger was freed before it was announced: others may have been listed it, so every
   * server tells its own people it left. (Through the bus, not the adapter, so that it comes after the answers
   * of every readiness that listed it.)
   */
  z.object({ type: z.literal('seat-vanished'), seat: seatSchema }),
  /**
   * A seat's PeerJS websocket closed on some server and opened again nowhere within WAVA_PEER_READY_TIMEOUT: the
   * server holding its Socket.io connection closes that connection's transport (the seat is freed, a real client
   * rejoins).
   */
  z.object({ type: z.literal('seat-abandoned'), seat: seatSchema }),
  /** A meeting's raised hands changed (in Redis): every server tells its people in the meeting the new list. */
  z.object({ type: z.literal('hands-changed'), meetingId: z.string().min(1).max(64) }),
  /** A meeting's waiting room queue changed (in Redis): every server sends it to its own hosts and co-hosts. */
  z.object({
    type: z.literal('lobby-changed'),
    meetingId: z.string().min(1).max(64),
    hostId: z.string().min(1).max(64),
  }),
  /** A meeting's SFU placement changed (in Redis): every server gives its seats tokens for it, or revokes them. */
  z.object({ type: z.literal('sfu-changed'), meetingId: z.string().min(1).max(64) }),
  /** SFU tokens were revoked: every server closes its `/sfu` websockets of them. */
  z.object({ type: z.literal('sfu-revoked'), tokens: z.array(z.string().min(1).max(256)).min(1).max(200) }),
  /** SFU tokens were dropped with their room (ended for everyone): every server closes its `/sfu` websockets of them. */
  z.object({ type: z.literal('sfu-dropped'), tokens: z.array(z.string().min(1).max(256)).min(1).max(200) }),
]);
export type ClusterMessage = z.infer<typeof clusterMessageSchema>;

/** The type of every message this version knows. */
export const knownClusterMessageTypes: ReadonlySet<string> = new Set(
  clusterMessageSchema.options.map((option) => option.shape.type.value),
);

/**
 * What every message of any version has: a type. A type this version does not know comes from a newer server
 * (a rolling upgrade), which also tells the servers of this version what they need in ways they know.
 */
export const clusterEnvelopeSchema = z.object({ type: z.string().min(1).max(64) });
