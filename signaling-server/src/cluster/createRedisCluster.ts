import { randomBytes } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import { missingCaseError, type Participant, type SignInRevokedCode } from '@wava/protocol';
import type { Logger } from 'pino';
import type { SharedLimits } from '../auth/SharedLimits.js';
import type { Lobby } from '../lobby/createLobby.js';
import { createListeners, type Unsubscribe } from '../events/createListeners.js';
import type { PeerSeat, RoomRegistry } from '../meetings/createRoomRegistry.js';
import type { PeerCluster } from '../peer/createPeerGateway.js';
import type { SfuStore } from '../sfu/SfuStore.js';
import type { SignalingCluster } from '../socket/createSignaling.js';
import type { ClusterMessage } from './clusterMessageSchema.js';
import { createRedisBus } from './createRedisBus.js';
import { createRedisConnections } from './createRedisConnections.js';
import { createRedisHandRegistry } from './createRedisHandRegistry.js';
import { createRedisLobby } from './createRedisLobby.js';
import { createRedisPeerRelay } from './createRedisPeerRelay.js';
import { createRedisSeatLedger } from './createRedisSeatLedger.js';
import { createRedisSfuStore } from './createRedisSfuStore.js';
import { createRedisSignInLimiter } from './createRedisSignInLimiter.js';
import { createRedisWindowLimiter } from './createRedisWindowLimiter.js';
import { closeRedis } from './closeRedis.js';
import { redisReady } from './redisReady.js';

/** How often a server says it is alive; its seats are dropped once it has been silent for LIVENESS_TTL_MS. */
const HEARTBEAT_MS = 5_000;
const LIVENESS_TTL_MS = 15_000;

export interface RedisCluster extends SignalingCluster {
  serverId: string;
  /** The PeerJS server's side: seats held through other servers, and signalling to their peers. */
  peer: PeerCluster;
  /** A seat's PeerJS websocket opened here: the server holding its Socket.io connection makes it ready. */
  seatOpened(seat: PeerSeat): void;
  /** Tells every server (this one too) the meeting ended. */
  meetingEnded(meeting: { id: string; code: string }): void;
  /** Tells every server (this one too) the sign-in was revoked. */
  sessionRevoked(sessionId: string, code: SignInRevokedCode): void;
  /**
   * A seat's PeerJS websocket closed here and did not open again here in time: unless it opened on another
   * server meanwhile, every server is told (`onSeatAbandoned`), and the one holding its connection acts.
   */
  seatAbandoned(seat: PeerSeat): void;
  /**
   * A seat became ready in the ledger on some server (told before it is announced): its PeerJS websocket, if
   * here, may signal from now on.
   */
  onSeatReadyAnywhere(listener: (seat: PeerSeat) => void): Unsubscribe;
  /** A seat was freed on some server: its PeerJS websocket, if here, closes. */
  onSeatFreed(listener: (peerId: string, seat: string) => void): Unsubscribe;
  /**
   * Whether anyone is in the meeting, or on their way in, on this server or any other: idle-meeting expiry must
   * not end a meeting busy elsewhere. Rejects when Redis cannot tell (the sweep then ends nothing).
   */
  isMeetingLive(meetingId: string): Promise<boolean>;
  /** Each meeting's SFU placement and the live SFU tokens, shared by every server. */
  sfu: SfuStore;
  /** The waiting room every server shares. */
  lobby(now: () => number): Lobby;
  /** Sign-in and registration limits every server shares. */
  limits(now: () => number): SharedLimits;
  /** Connects to Redis, subscribes, and starts saying this server is alive. */
  start(): Promise<void>;
  /** Redis is reachable right now. */
  isReady(): boolean;
  close(): Promise<void>;
}

/**
 * The Socket.io Redis adapter's key: its channels are `wava:io#…` (events) and `wava:io-request#/#` (requests
 * every server answers, such as fetchSockets, counted by PUBSUB NUMSUB).
 */
export const ADAPTER_KEY = 'wava:io';

/**
 * Several Wava servers sharing their live state through the Redis at `url`: Socket.io rooms (adapter), seats
 * and the room size limit (ledger), PeerJS signalling between servers (relay), and the events every server
 * must act on (bus).
 */
export function createRedisCluster(deps: {
  url: string;
  logger: Logger;
  /** The size limit of the meeting (the SFU's while the meeting is or can go there). */
  maxParticipants: (meetingId: string) => number;
  tagOf: (peerId: string) => string | null;
  /** The tag every peer id of a meeting carries. */
  tagOfMeeting: (meetingId: string) => string;
  /** This server's seats (no Redis round trip). */
  rooms: Pick<RoomRegistry, 'live' | 'occupied'>;
}): RedisCluster {
  const { logger, rooms, maxParticipants } = deps;
  const isLiveHere = (seat: PeerSeat) => rooms.live(seat) !== undefined;
  const meetingEnded = createListeners<[meeting: { id: string; code: string }]>();
  const sessionRevoked = createListeners<[sessionId: string, code: SignInRevokedCode]>();
  const seatFreed = createListeners<[peerId: string, seat: string]>();
  const seatReady = createListeners<[seat: PeerSeat, others: Participant[]]>();
  const seatRefused = createListeners<[seat: PeerSeat]>();
  const seatReadyAnywhere = createListeners<[seat: PeerSeat]>();
  const seatReplaced = createListeners<[seat: PeerSeat]>();
  const seatVanished = createListeners<[seat: PeerSeat]>();
  const handsChanged = createListeners<[meetingId: string]>();
  const lobbyChanged = createListeners<[meeting: { id: string; hostId: string }]>();
  const seatAbandoned = createListeners<[seat: PeerSeat]>();
  const serverId = randomBytes(8).toString('hex');
  const connections = createRedisConnections(deps.url, logger);
  const adapterSubscriber = connections.subscriber.duplicate();
  adapterSubscriber.on('error', (error: Error) => logger.warn({ err: error }, 'redis adapter connection error'));
  const onError = (error: unknown) => logger.warn({ err: error }, 'redis seat ledger command failed');
  const ledger = createRedisSeatLedger({
    redis: connections.command,
    serverId,
    tagOf: deps.tagOf,
    tagOfMeeting: deps.tagOfMeeting,
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
  const sfu = createRedisSfuStore({
    redis: connections.command,
    serverId,
    logger,
    tagOfMeeting: deps.tagOfMeeting,
    publishChanged: (meetingId) => bus.publish({ type: 'sfu-changed', meetingId }),
    publishRevoked: (tokens) => publishTokens('sfu-revoked', tokens),
    publishDropped: (tokens) => publishTokens('sfu-dropped', tokens),
  });
  const liveness = `wava:server:${serverId}`;
  let heartbeat: NodeJS.Timeout | undefined;

  /** SFU tokens over the bus, at most 200 a message. */
  function publishTokens(type: 'sfu-revoked' | 'sfu-dropped', tokens: readonly string[]): void {
    for (let start = 0; start < tokens.length; start += 200) {
      bus.publish({ type, tokens: tokens.slice(start, start + 200) });
    }
  }

  function handle(message: ClusterMessage): void {
    switch (message.type) {
      case 'meeting-ended':
        return meetingEnded.emit({ id: message.meetingId, code: message.code });
      case 'session-revoked':
        return sessionRevoked.emit(message.sessionId, message.code);
      case 'seat-freed':
        return seatFreed.emit(message.peerId, message.seat);
      case 'seat-opened':
        return makeReady(message.seat);
      case 'seat-ready':
        return seatReadyAnywhere.emit(message.seat);
      case 'seat-replaced':
        seatReplaced.emit({ ...message.seat, seat: message.previousSeat });
        return seatFreed.emit(message.seat.peerId, message.previousSeat);
      case 'seat-vanished':
        return seatVanished.emit(message.seat);
      case 'seat-abandoned':
        return seatAbandoned.emit(message.seat);
      case 'hands-changed':
        return handsChanged.emit(message.meetingId);
      case 'lobby-changed':
        return lobbyChanged.emit({ id: message.meetingId, hostId: message.hostId });
      case 'sfu-changed':
        return sfu.changed(message.meetingId);
      case 'sfu-revoked':
        return sfu.revoked(message.tokens);
      case 'sfu-dropped':
        return sfu.dropped(message.tokens);
      default:
        throw missingCaseError(message);
    }
  }

  /**
   * Only the server holding the seat's socket makes it ready, so a seat it has already freed never becomes
   * ready; one it frees while Redis answers is announced as left (others may have been told of it).
   */
  function makeReady(seat: PeerSeat): void {
    if (!isLiveHere(seat)) return;
    ledger.ready(seat, maxParticipants(seat.meetingId)).then(
      (outcome) => {
        if (outcome.status !== 'ok') return seatRefused.emit(seat);
        // Its PeerJS websocket may signal first (the news goes before the announcements that go through Redis).
        bus.publish({ type: 'seat-ready', seat });
        if (isLiveHere(seat)) seatReady.emit(seat, outcome.others);
        else bus.publish({ type: 'seat-vanished', seat });
      },
      (error: unknown) => {
        logger.warn({ err: error, peerId: seat.peerId }, 'seat readiness failed');
        seatRefused.emit(seat);
      },
    );
  }

  const beat = () =>
    connections.command.set(liveness, '1', 'PX', LIVENESS_TTL_MS).catch((error: unknown) => {
      logger.warn({ err: error }, 'redis heartbeat failed');
    });

  return {
    serverId,
    adapter: createAdapter(connections.command, adapterSubscriber, { key: ADAPTER_KEY }),
    ledger,
    isMeetingLive: async (meetingId) => rooms.occupied(meetingId) || (await ledger.occupied(meetingId)),
    peer: { isLive: (seat) => ledger.isLive(seat), isReady: (seat) => ledger.isReady(seat), relay },
    seatOpened: (seat) => bus.publish({ type: 'seat-opened', seat }),
    seatFreed(peerId, seat) {
      ledger.release(peerId, seat);
      bus.publish({ type: 'seat-freed', peerId, seat });
    },
    meetingEnded: (meeting) => bus.publish({ type: 'meeting-ended', meetingId: meeting.id, code: meeting.code }),
    sessionRevoked: (sessionId, code) => bus.publish({ type: 'session-revoked', sessionId, code }),
    onMeetingEnded: meetingEnded.add,
    onSessionRevoked: sessionRevoked.add,
    onSeatFreed: seatFreed.add,
    onSeatReadyAnywhere: seatReadyAnywhere.add,
    onSeatReady: seatReady.add,
    onSeatRefused: seatRefused.add,
    onSeatReplaced: seatReplaced.add,
    onSeatVanished: seatVanished.add,
    hands: createRedisHandRegistry({ redis: connections.command, tagOfMeeting: deps.tagOfMeeting }),
    handsChanged: (meetingId) => bus.publish({ type: 'hands-changed', meetingId }),
    onHandsChanged: handsChanged.add,
    lobby: (now) => createRedisLobby({ redis: connections.command, tagOfMeeting: deps.tagOfMeeting, now }),
    lobbyChanged: (meeting) => bus.publish({ type: 'lobby-changed', meetingId: meeting.id, hostId: meeting.hostId }),
    onLobbyChanged: lobbyChanged.add,
    seatAbandoned(seat) {
      relay.isAttached(seat.peerId).then(
        (attached) => {
          if (!attached) bus.publish({ type: 'seat-abandoned', seat });
        },
        (error: unknown) => logger.warn({ err: error, peerId: seat.peerId }, 'abandoned seat check failed'),
      );
    },
    onSeatAbandoned: seatAbandoned.add,
    sfu,
    limits: (now) => ({
      signIns: (limits) => createRedisSignInLimiter(connections.command, limits, now),
      window: (name, limit) => createRedisWindowLimiter(connections.command, name, limit, now),
    }),
    async start() {
      await connections.connect();
      // The adapter may already have started connecting it (its subscriptions).
      await redisReady(adapterSubscriber);
      await beat();
      await Promise.all([bus.subscribe(), relay.subscribe()]);
      heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
      heartbeat.unref();
      logger.info({ serverId }, 'sharing live state through Redis');
    },
    isReady: () => connections.isReady() && adapterSubscriber.status === 'ready',
    async close() {
      clearInterval(heartbeat);
      // Only over a live connection: a Redis that cannot be reached has no liveness key of ours to remove.
      if (connections.command.status === 'ready') await connections.command.del(liveness).catch(() => undefined);
      await closeRedis(adapterSubscriber);
      await connections.close();
    },
  };
}
