import { randomBytes } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Participant } from '@wava/protocol';
import type { Logger } from 'pino';
import type { SessionEndCode } from '../auth/createAuthService.js';
import type { SignInLimits } from '../auth/createSignInLimiter.js';
import type { WindowLimit } from '../config/Config.js';
import { missingCaseError } from '../errors/missingCaseError.js';
import type { PeerSeat, PeerSeats } from '../peer/createPeerGateway.js';
import type { PeerRelay } from '../peer/PeerRelay.js';
import type { ClusterMessage } from './clusterMessageSchema.js';
import { createRedisBus } from './createRedisBus.js';
import { createRedisConnections } from './createRedisConnections.js';
import { createRedisPeerRelay } from './createRedisPeerRelay.js';
import { createRedisSeatLedger, type SeatLedger } from './createRedisSeatLedger.js';
import { createRedisSignInLimiter, type SharedSignInLimiter } from './createRedisSignInLimiter.js';
import { createRedisWindowLimiter, type SharedWindowLimiter } from './createRedisWindowLimiter.js';

/** How often a server says it is alive; its seats are dropped once it has been silent for LIVENESS_TTL_MS. */
const HEARTBEAT_MS = 5_000;
const LIVENESS_TTL_MS = 15_000;

/** What this server does when the deployment tells it something (each acts only on what it holds). */
export interface ClusterMember {
  meetingEnded(meeting: { id: string; code: string }): void;
  sessionRevoked(sessionId: string, code: SessionEndCode): void;
  /** Closes the PeerJS websocket of a freed seat, if it is here. */
  seatFreed(peerId: string, seat: string): void;
  /** A seat became ready: announce it (its socket is here). */
  seatReady(seat: PeerSeat, others: Participant[]): void;
  /** A seat did not fit, or is gone from the ledger: drop its socket's transport so that it rejoins. */
  seatRefused(seat: PeerSeat): void;
  /** A seat made ready in the ledger was freed meanwhile: others may have learnt of it, tell this server's people it left. */
  seatVanished(seat: PeerSeat): void;
  /** An older seat of the same peer id was replaced by `seat`: drop it quietly if it is here. */
  seatReplaced(seat: PeerSeat, previousSeat: string): void;
  /** Whether the seat is one of this server's (no Redis round trip). */
  isLiveHere(seat: PeerSeat): boolean;
}

export interface RedisCluster {
  serverId: string;
  /** Socket.io's Redis adapter. */
  adapter: ReturnType<typeof createAdapter>;
  ledger: SeatLedger;
  relay: PeerRelay;
  /** The PeerJS server's view of seats, deployment-wide. */
  seats: PeerSeats;
  /** For Socket.io's side: a seat was freed here (its PeerJS websocket may be on any server). */
  seatFreed(peerId: string, seat: string): void;
  meetingEnded(meeting: { id: string; code: string }): void;
  sessionRevoked(sessionId: string, code: SessionEndCode): void;
  /** Sign-in and registration limits every server shares. */
  limits(now: () => number): {
    signIns(limits: SignInLimits): SharedSignInLimiter;
    window(name: string, limit: WindowLimit): SharedWindowLimiter;
  };
  /** Connects to Redis, subscribes, and starts saying this server is alive. */
  start(): Promise<void>;
  /** Redis is reachable right now. */
  isReady(): boolean;
  close(): Promise<void>;
}

/**
 * Several Wava servers sharing their live state through the Redis at `url`: Socket.io rooms (adapter), seats
 * and the room size limit (ledger), PeerJS signalling between servers (relay), and the events every server
 * must act on (bus).
 */
export function createRedisCluster(deps: {
  url: string;
  logger: Logger;
  maxParticipants: number;
  tagOf: (peerId: string) => string | null;
  member: ClusterMember;
}): RedisCluster {
  const { logger, member, maxParticipants } = deps;
  const serverId = randomBytes(8).toString('hex');
  const connections = createRedisConnections(deps.url, logger);
  const adapterSubscriber = connections.subscriber.duplicate();
  adapterSubscriber.on('error', (error: Error) => logger.warn({ err: error }, 'redis adapter connection error'));
  const onError = (error: unknown) => logger.warn({ err: error }, 'redis seat ledger command failed');
  const ledger = createRedisSeatLedger({
    redis: connections.command,
    serverId,
    tagOf: deps.tagOf,
    onError,
    onReplaced: (seat, previousSeat) => bus.publish({ type: 'seat-replaced', seat, previousSeat }),
  });
  const relay = createRedisPeerRelay({
    redis: connections.command,
    subscriber: connections.subscriber,
    serverId,
    logger,
  });
  const bus = createRedisBus(connections, handle, logger);
  const liveness = `wava:server:${serverId}`;
  let heartbeat: NodeJS.Timeout | undefined;

  function handle(message: ClusterMessage): void {
    switch (message.type) {
      case 'meeting-ended':
        return member.meetingEnded({ id: message.meetingId, code: message.code });
      case 'session-revoked':
        return member.sessionRevoked(message.sessionId, message.code);
      case 'seat-freed':
        return member.seatFreed(message.peerId, message.seat);
      case 'seat-opened':
        return seatOpened(message.seat);
      case 'seat-replaced':
        member.seatReplaced(message.seat, message.previousSeat);
        return member.seatFreed(message.seat.peerId, message.previousSeat);
      case 'seat-vanished':
        return member.seatVanished(message.seat);
      default:
        throw missingCaseError(message);
    }
  }

  /**
   * Only the server holding the seat's socket makes it ready, so a seat it has already freed never becomes
   * ready; one it frees while Redis answers is announced as left (others may have been told of it).
   */
  function seatOpened(seat: PeerSeat): void {
    if (!member.isLiveHere(seat)) return;
    ledger.ready(seat, maxParticipants).then(
      (outcome) => {
        if (outcome.status !== 'ok') return member.seatRefused(seat);
        if (member.isLiveHere(seat)) member.seatReady(seat, outcome.others);
        else bus.publish({ type: 'seat-vanished', seat });
      },
      (error: unknown) => {
        logger.warn({ err: error, peerId: seat.peerId }, 'seat readiness failed');
        member.seatRefused(seat);
      },
    );
  }

  const beat = () =>
    connections.command.set(liveness, '1', 'PX', LIVENESS_TTL_MS).catch((error: unknown) => {
      logger.warn({ err: error }, 'redis heartbeat failed');
    });

  return {
    serverId,
    adapter: createAdapter(connections.command, adapterSubscriber, { key: 'wava:io' }),
    ledger,
    relay,
    seats: {
      isLive: (seat) => member.isLiveHere(seat) || ledger.isLive(seat),
      opened: (seat) => bus.publish({ type: 'seat-opened', seat }),
    },
    seatFreed(peerId, seat) {
      ledger.release(peerId, seat);
      bus.publish({ type: 'seat-freed', peerId, seat });
    },
    meetingEnded: (meeting) => bus.publish({ type: 'meeting-ended', meetingId: meeting.id, code: meeting.code }),
    sessionRevoked: (sessionId, code) => bus.publish({ type: 'session-revoked', sessionId, code }),
    limits: (now) => ({
      signIns: (limits) => createRedisSignInLimiter(connections.command, limits, now),
      window: (name, limit) => createRedisWindowLimiter(connections.command, name, limit, now),
    }),
    async start() {
      await connections.connect();
      // The adapter may already have started connecting it (its subscriptions).
      if (adapterSubscriber.status === 'wait') await adapterSubscriber.connect();
      await beat();
      await Promise.all([bus.subscribe(), relay.subscribe()]);
      heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
      heartbeat.unref();
      logger.info({ serverId }, 'sharing live state through Redis');
    },
    isReady: () => connections.isReady() && adapterSubscriber.status === 'ready',
    async close() {
      clearInterval(heartbeat);
      await connections.command.del(liveness).catch(() => undefined);
      await Promise.allSettled([adapterSubscriber.quit()]);
      await connections.close();
    },
  };
}
