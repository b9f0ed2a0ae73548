import { z } from 'zod';
import { iceConfigSchema, meetingCodeSchema } from './http.js';

/**
 * Getting ready to join while the pre-join screen shows (optional: a client that never sends it joins as before).
 * `meeting:prepare` answers a peer id and token for one meeting, bound to this connection and account: a
 * "pre-seat". Its PeerJS websocket may open at once, but it is no seat: it counts toward no meeting's size, is
 * announced and listed to nobody, gets no room events, and its PeerJS websocket can neither send nor receive
 * signalling. The next `meeting:join` of the same connection for the same meeting turns it into the seat: the
 * answer carries the same peer id (with a fresh token), and if its PeerJS websocket is already open the seat is
 * ready at once (the answer lists everyone, the others get `participant:joined`). Preparing again, joining
 * another meeting, or the connection closing frees it and closes its PeerJS websocket.
 */
export const prepareRequestSchema = z.strictObject({ code: meetingCodeSchema });
export type PrepareRequest = z.infer<typeof prepareRequestSchema>;

export const prepareResultSchema = z.object({
  /** As `meeting:join` answers it (socketEvents.ts imports this file, so the shape is spelled out here). */
  peer: z.object({
    id: z.string().min(1).max(128),
    token: z.string().min(1).max(512),
    path: z.string(),
    key: z.string(),
  }),
  ice: iceConfigSchema,
});
export type PrepareResult = z.infer<typeof prepareResultSchema>;

export const prejoinEvents = {
  'meeting:prepare': { payload: prepareRequestSchema, reply: prepareResultSchema },
} as const;
