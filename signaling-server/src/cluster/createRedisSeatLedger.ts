import { participantSchema, type Participant } from '@wava/protocol';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { PeerSeat } from '../meetings/createRoomRegistry.js';
import {
  CLAIM_SCRIPT,
  OCCUPIED_SCRIPT,
  READY_SCRIPT,
  READY_SEAT_SCRIPT,
  READY_SEATS_SCRIPT,
  RELEASE_SCRIPT,
  seatsKey,
  UPDATE_SCRIPT,
} from './seatScripts.js';
import { parsedJson } from './parsedJson.js';

export type ClaimOutcome = 'ok' | 'full' | 'too-many' | 'pending';
export type ReadyOutcome = { status: 'ok'; others: Participant[] } | { status: 'full' | 'gone' };

/**
 * The seats of every meeting across the servers of a deployment: the one place the room size limit is
 * enforced once several servers share a meeting. Each server keeps its own seats' sockets in memory
 * (createRoomRegistry); this ledger says which seats exist and which are ready, deployment-wide.
 */
export interface SeatLedger {
  /**
   * Takes a seat (not ready yet) unless the meeting's ready seats fill it, this account holds `perAccount` other
   * seats in it, or this account already waits for one.
   */
  claim(
    seat: PeerSeat,
    participant: Participant,
    max: number,
    perAccount: number,
    socketId: string,
  ): Promise<ClaimOutcome>;
  /** The seat's PeerJS websocket opened: it becomes ready if there is still a place. Lists the others ready. */
  ready(seat: PeerSeat, max: number): Promise<ReadyOutcome>;
  /**
   * The ready seat of `peerId` in the meeting of `sameMeetingAs` (a peer id of that meeting), on any server: who
   * it is and the Socket.io connection holding it (the Redis adapter reaches it wherever it is).
   */
  readySeat(peerId: string, sameMeetingAs: string): Promise<{ participant: Participant; socketId: string } | null>;
  /**
   * Everyone in the meeting (every ready seat on a live server): one Redis request, which does not wait for
   * every server to answer as Socket.io's `fetchSockets` across servers does.
   */
  readySeats(meetingId: string): Promise<Participant[]>;
  /**
   * Whether anyone holds a seat in the meeting on any live server, ready or not (like RoomRegistry.occupied,
   * deployment-wide): such a meeting is not idle.
   */
  occupied(meetingId: string): Promise<boolean>;
  /** Whether this exact seat exists (any server). */
  isLive(seat: PeerSeat): Promise<boolean>;
  /** Whether this exact seat exists and is ready (any server). */
  isReady(seat: PeerSeat): Promise<boolean>;
  update(peerId: string, seat: string, participant: Participant): void;
  /** Frees the seat if it is still this seat (a newer seat under the same peer id stays). */
  release(peerId: string, seat: string): void;
}

const entrySchema = z.object({ u: z.string(), s: z.string(), r: z.number().optional() });

/** The ledger in Redis: one hash per meeting, changed only by Lua scripts (atomic). */
export function createRedisSeatLedger(deps: {
  redis: Redis;
  serverId: string;
  tagOf: (peerId: string) => string | null;
  /** The tag every peer id of a meeting carries. */
  tagOfMeeting: (meetingId: string) => string;
  onError: (error: unknown) => void;
  /** A claim replaced an older seat of the same peer id (held by another connection, maybe on another server). */
  onReplaced?: (seat: PeerSeat, previousSeat: string) => void;
}): SeatLedger {
  const { redis, serverId, tagOf, tagOfMeeting, onError, onReplaced } = deps;
  const key = (peerId: string) => seatsKey(tagOf(peerId) ?? 'none');
  const run = (script: string, peerId: string, ...args: Array<string | number>) =>
    redis.eval(script, 1, key(peerId), peerId, ...args);
  const quietly = (work: Promise<unknown>) => void work.catch(onError);
  /** This exact seat's entry, or null when the peer id holds no seat or another one. */
  const entryOf = async (seat: PeerSeat) => {
    const text = await redis.hget(key(seat.peerId), seat.peerId);
    if (text === null) return null;
    const entry = entrySchema.safeParse(JSON.parse(text));
    return entry.success && entry.data.u === seat.userId && entry.data.s === seat.seat ? entry.data : null;
  };

  return {
    async claim(seat, participant, max, perAccount, socketId) {
      const reply = z
        .array(z.string())
        .parse(
          await run(
            CLAIM_SCRIPT,
            seat.peerId,
            seat.userId,
            seat.seat,
            max,
            serverId,
            JSON.stringify(participant),
            perAccount,
            socketId,
          ),
        );
      const outcome = z.enum(['ok', 'full', 'too-many', 'pending']).parse(reply[0]);
      const previous = reply[1];
      if (outcome === 'ok' && previous !== undefined && previous !== seat.seat) onReplaced?.(seat, previous);
      return outcome;
    },
    async ready(seat, max) {
      const [status, ...others] = z.array(z.string()).parse(await run(READY_SCRIPT, seat.peerId, seat.seat, max));
      if (status === 'ok') return { status, others: others.map((text) => participantSchema.parse(JSON.parse(text))) };
      return { status: z.enum(['full', 'gone']).parse(status) };
    },
    async readySeat(peerId, sameMeetingAs) {
      const tag = tagOf(peerId);
      if (tag === null || tag !== tagOf(sameMeetingAs)) return null;
      const reply = z.array(z.string()).parse(await redis.eval(READY_SEAT_SCRIPT, 1, key(peerId), peerId));
      if (reply.length !== 2) return null;
      return { participant: participantSchema.parse(JSON.parse(reply[0]!)), socketId: reply[1]! };
    },
    async readySeats(meetingId) {
      const key = seatsKey(tagOfMeeting(meetingId));
      const reply = z.array(z.string()).parse(await redis.eval(READY_SEATS_SCRIPT, 1, key));
      // One entry this server cannot read (written by a newer server during a rolling update) is left out, and
      // the others are still listed: hosting and host actions must not fail for the whole meeting over it.
      return reply.flatMap((text) => {
        const seat = participantSchema.safeParse(parsedJson(text));
        if (seat.success) return [seat.data];
        onError(new Error(`an unreadable seat in the ledger was left out: ${seat.error.message}`));
        return [];
      });
    },
    occupied: async (meetingId) => (await redis.eval(OCCUPIED_SCRIPT, 1, seatsKey(tagOfMeeting(meetingId)))) === 1,
    isLive: async (seat) => (await entryOf(seat)) !== null,
    isReady: async (seat) => (await entryOf(seat))?.r === 1,
    update: (peerId, seat, participant) => quietly(run(UPDATE_SCRIPT, peerId, seat, JSON.stringify(participant))),
    release: (peerId, seat) => quietly(run(RELEASE_SCRIPT, peerId, seat)),
  };
}
