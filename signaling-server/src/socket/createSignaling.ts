import type { Server as HttpServer } from 'node:http';
import {
  apiError,
  LIMITS,
  SOCKET_IO_PATH,
  type LeaveReason,
  type Participant,
  type SignInRevokedCode,
} from '@wava/protocol';
import { MAX_BUFFERED_BYTES } from '../peer/createPeerGateway.js';
import { createGuardedWsEngine } from '../net/createGuardedWsEngine.js';
import type { Logger } from 'pino';
import { Server, type ServerOptions } from 'socket.io';
import type { AuthService } from '../auth/createAuthService.js';
import { createSlidingWindowLimiter } from '../auth/createSlidingWindowLimiter.js';
import type { SharedLimits } from '../auth/SharedLimits.js';
import type { SeatLedger } from '../cluster/createRedisSeatLedger.js';
import type { MeetingWithHost } from '../db/Storage.js';
import type { Unsubscribe } from '../events/createListeners.js';
import { createHandRegistry, type HandRegistry } from '../meetings/createHandRegistry.js';
import type { PeerSeat } from '../meetings/createRoomRegistry.js';
import type { PeerGateway } from '../peer/createPeerGateway.js';
import { authenticateHandshake } from './authenticateHandshake.js';
import { createSerialQueue } from './createSerialQueue.js';
import { createSessionConnections } from './createSessionConnections.js';
import { createTokenBucket, type TokenBucket } from './createTokenBucket.js';
import { createModerator } from './createModerator.js';
import { meetingEventHandlers, type MeetingEventHandlers } from './meetingEventHandlers.js';
import { sendRoomState } from './roomEventHandlers.js';
import { createEventListener } from './registerEventHandlers.js';
import { lobbyMeetingEnded, lobbyQueueChanged, sendLobbyQueue } from './lobbyEventHandlers.js';
import type { SignalingContext } from './SignalingContext.js';
import { meetingRoom, type WavaIo, type WavaSocket } from './socketTypes.js';

/** What handles one connection's events (registerEventHandlers), with its `leave` for the end. */
interface ConnectionParts {
  logger: Logger;
  serial: (task: () => Promise<void>) => void;
  handlers: MeetingEventHandlers;
  bucket: TokenBucket;
}

interface EngineClient {
  close(discard?: boolean): void;
  once(event: 'close', listener: () => void): void;
}

/**
 * Dead-peer detection. A client whose process dies or whose machine closes the connection leaves at once: the
 * kernel closes its TCP connection and the server sees the disconnect. Pings only matter for a connection that
 * vanishes silently (cable pulled, laptop lid shut): it is noticed within pingInterval + pingTimeout = 45 s.
 * Socket.io's default interval (25 s) keeps idle CPU at bare Socket.io's level with thousands of connections
 * (a 5 s interval cost more than twice that). The timeout is Socket.io's default too: the pong comes from the
 * page's main thread, which a busy machine can hold up for seconds (five people's calls moving to the SFU on two
 * cores held it past a 5 s timeout, and a person dropped that way loses their seat and their SFU publication).
 */
export const PING_INTERVAL_MS = 25_000;
export const PING_TIMEOUT_MS = 20_000;

/**
 * The Socket.io side of meetings. It follows the services it is given: a seat whose PeerJS websocket opens
 * becomes ready, an ended meeting empties (everyone hears `meeting:ended`), and a revoked sign-in loses every
 * connection: `session:revoked`, out of its meeting (the others get `participant:left`, its PeerJS websocket
 * closes with the freed seat), disconnected.
 */
export interface Signaling {
  connectedSockets(): number;
  /** Tells every client the server is stopping, then closes every connection (within `graceMs`). */
  shutdown(reconnectAfterMs: number, graceMs: number): Promise<void>;
}

/**
 * Several servers (createRedisCluster): the deployment-wide seats, and the events every server acts on, this
 * one's own included (they come back through the cluster bus). With it, Signaling follows these instead of the
 * PeerJS gateway's, the meeting service's and the auth service's own events.
 */
export interface SignalingCluster {
  /** Socket.io's Redis adapter, so room events reach every server's sockets. */
  adapter: NonNullable<ServerOptions['adapter']>;
  /** The seats of every server: the room size limit across servers. */
  ledger: SeatLedger;
  /** Limits every server counts against (peer tokens per account). */
  limits(now: () => number): Pick<SharedLimits, 'window'>;
  /** A seat was freed here: it leaves the ledger and its PeerJS websocket closes, on whichever server. */
  seatFreed(peerId: string, seat: string): void;
  onMeetingEnded(listener: (meeting: Pick<MeetingWithHost, 'id' | 'code'>) => void): Unsubscribe;
  onSessionRevoked(listener: (sessionId: string, code: SignInRevokedCode) => void): Unsubscribe;
  /** A seat of this server is ready in the ledger; `others` are who else is ready, deployment-wide. */
  onSeatReady(listener: (seat: PeerSeat, others: Participant[]) => void): Unsubscribe;
  /** A seat's PeerJS websocket opened but the meeting filled meanwhile: its connection rejoins (and finds it full). */
  onSeatRefused(listener: (seat: PeerSeat) => void): Unsubscribe;
  /**
   * The person resumed the peer id on another server: `seat` (its old nonce) is dropped here quietly (no
   * `participant:left`), as a takeover on one server is.
   */
  onSeatReplaced(listener: (seat: PeerSeat) => void): Unsubscribe;
  /** A seat others may have been told of is gone: this server's people in the meeting learn it left. */
  onSeatVanished(listener: (seat: PeerSeat) => void): Unsubscribe;
  /** Raised hands every server shares. */
  hands: HandRegistry;
  /** Tells every server (this one too) the meeting's hands changed. */
  handsChanged(meetingId: string): void;
  onHandsChanged(listener: (meetingId: string) => void): Unsubscribe;
  /** Tells every server (this one too) the meeting's waiting room queue changed. */
  lobbyChanged(meeting: { id: string; hostId: string }): void;
  onLobbyChanged(listener: (meeting: { id: string; hostId: string }) => void): Unsubscribe;
  /** A seat's PeerJS websocket stayed closed on whichever server held it (see PeerGateway.onSeatAbandoned). */
  onSeatAbandoned(listener: (seat: PeerSeat) => void): Unsubscribe;
}

export function createSignaling(
  httpServer: HttpServer,
  deps: Omit<
    SignalingContext,
    | 'io'
    | 'tokenLimiter'
    | 'sharedTokenLimiter'
    | 'peers'
    | 'ledger'
    | 'hands'
    | 'handsChanged'
    | 'lobbyChanged'
    | 'moderator'
  > & {
    auth: AuthService;
    peers: PeerGateway;
    /** Several servers: follow the deployment's events instead of this process's services. Absent: one server. */
    cluster?: SignalingCluster;
  },
): Signaling {
  const { config, logger, metrics, rooms, cluster } = deps;
  const anyOrigin = config.corsOrigins.includes('*');
  const io: WavaIo = new Server(httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    maxHttpBufferSize: LIMITS.socketMessageMaxBytes,
    // ws without its unlimited automatic pongs (a ping flood from a client that does not read grew the heap).
    wsEngine: createGuardedWsEngine(MAX_BUFFERED_BYTES, deps.now),
    pingInterval: PING_INTERVAL_MS,
    pingTimeout: PING_TIMEOUT_MS,
    connectTimeout: 10_000,
    // Upgrades for other paths (PeerJS) are routed by createServer; engine.io must not destroy them.
    destroyUpgrade: false,
    cors: { origin: anyOrigin ? true : [...config.corsOrigins], methods: ['GET', 'POST'] },
    allowRequest: (_req, callback) => callback(null, !deps.isStopping()),
    ...(cluster ? { adapter: cluster.adapter } : {}),
  });
  const tokenLimit = { max: config.peer.tokensPerMinute, windowMs: 60_000 };
  /** Each connection's handlers, so that a host action can free a seat held here. */
  const ctx: SignalingContext = {
    ...deps,
    io,
    tokenLimiter: createSlidingWindowLimiter(tokenLimit, deps.now),
    sharedTokenLimiter: cluster?.limits(deps.now).window('peer-tokens', tokenLimit),
    peers: cluster ?? deps.peers,
    ledger: cluster?.ledger,
    hands: cluster?.hands ?? createHandRegistry(),
    handsChanged: (meetingId, hands) =>
      cluster ? cluster.handsChanged(meetingId) : io.to(meetingRoom(meetingId)).emit('hand:changed', hands),
    ...(cluster ? { lobbyChanged: (meeting: { id: string; hostId: string }) => cluster.lobbyChanged(meeting) } : {}),
    moderator: createModerator({
      io,
      rooms,
      controls: deps.controls,
      logger,
      ledger: cluster?.ledger,
      clustered: cluster !== undefined,
      leave: (socketId, reason) => {
        const socket = io.of('/').sockets.get(socketId);
        if (socket) handling.get(socket)?.handlers.leave(reason);
      },
      isStopping: deps.isStopping,
      sfu: deps.sfu,
      admissionRevoked: (meetingId, userId) =>
        deps.lobby.lobby
          .revoke(meetingId, userId)
          .catch((error: unknown) => logger.warn({ err: error }, 'waiting room admission could not be revoked')),
      roleChanged: (entry) => {
        const socket = io.of('/').sockets.get(entry.socketId);
        if (socket) sendLobbyQueue(socket, ctx, entry.participant);
      },
    }),
  };
  /**
   * Per connection, only what it needs once it sends something (its handlers and their limits, its queue, a log
   * with its ids), made at its first event; and why it left, when it is not 'disconnected'. Every listener is one
   * function shared by all connections: an idle connection holds little beyond Socket.io's own (issue 10).
   */
  const handling = new WeakMap<WavaSocket, ConnectionParts>();
  const handlingOf = (socket: WavaSocket): ConnectionParts => {
    let parts = handling.get(socket);
    if (!parts) {
      parts = connectionParts(socket);
      handling.set(socket, parts);
    }
    return parts;
  };
  const leftBy = new WeakMap<WavaSocket, LeaveReason>();
  const onEvent = createEventListener(handlingOf, { metrics });
  /** The sign-in was revoked: the connection ends, out of its meeting first. */
  const endConnection = (socket: WavaSocket, code: SignInRevokedCode): void => {
    logger.info({ socketId: socket.id, userId: socket.data.user.id, code }, 'sign-in revoked: connection closed');
    leftBy.set(socket, 'left');
    socket.emit('session:revoked', apiError(code));
    // Out of the meeting now (its PeerJS websocket closes with the seat), not after the queue behind it.
    handling.get(socket)?.handlers.leave('left');
    socket.disconnect(true);
  };
  const sessions = createSessionConnections<WavaSocket>(endConnection);
  function onDisconnect(this: WavaSocket, reason: string): void {
    disconnected(this, reason);
  }
  function disconnected(socket: WavaSocket, reason: string): void {
    sessions.remove(socket.data.sessionId, socket);
    logger.debug({ socketId: socket.id, reason }, 'socket disconnected');
    // Queued behind any join still in progress, so that join's seat is freed too (a `peer:ready` waiting for the
    // seat stops waiting first). A connection that never sent an event holds no seat.
    const parts = handling.get(socket);
    parts?.handlers.seatSettled();
    const reasonLeft = leftBy.get(socket) ?? 'disconnected';
    parts?.serial(async () => parts.handlers.leave(reasonLeft));
  }

  io.use(authenticateHandshake(deps.auth, { guests: deps.lobby.guests, meetings: deps.meetings }));
  io.on('connection', (socket) => {
    logger.debug({ socketId: socket.id, userId: socket.data.user.id }, 'socket connected');
    socket.onAny(onEvent);
    sessions.add(socket.data.sessionId, socket);
    // A sign-out between the handshake's check and `add` above would have missed this connection.
    // (A guest session has no sign-in: it ends with its meeting.)
    if (!socket.data.guest) {
      deps.auth.isSessionActive(socket.data.sessionId).then(
        (active) => {
          if (!active && socket.connected) endConnection(socket, 'TOKEN_INVALID');
        },
        (error: unknown) => logger.warn({ err: error, socketId: socket.id }, 'session check failed'),
      );
    }
    socket.on('disconnect', onDisconnect);
  });

  /** The event handling of one connection, made on its first event. */
  function connectionParts(socket: WavaSocket): ConnectionParts {
    const log = logger.child({ socketId: socket.id, userId: socket.data.user.id });
    return {
      logger: log,
      serial: createSerialQueue((error) => log.error({ err: error }, 'socket task failed')),
      handlers: meetingEventHandlers(socket, ctx),
      bucket: createTokenBucket(config.limits.socketEventBurst, config.limits.socketEventsPerSecond, deps.now),
    };
  }

  /**
   * The seat's PeerJS websocket is open: the seat becomes ready, is announced, and learns who is here (`others`
   * with several servers; this server's ready seats without).
   */
  function seatOpened(seat: PeerSeat, others?: Participant[]): void {
    const entry = rooms.live(seat);
    if (!entry || entry.ready) return;
    const socket = io.of('/').sockets.get(entry.socketId);
    if (socket?.data.membership?.peerId !== entry.participant.peerId) return;
    rooms.update(entry.meetingId, entry.participant.peerId, { ready: true });
    const room = meetingRoom(entry.meetingId);
    socket.to(room).emit('participant:joined', entry.participant);
    // Only now does this connection learn who is here (its join answer listed nobody).
    const present =
      others ??
      rooms
        .list(entry.meetingId)
        .flatMap((other) => (other.ready && other.participant.peerId !== seat.peerId ? [other.participant] : []));
    for (const other of present) socket.emit('participant:joined', other);
    void socket.join(room);
    sendRoomState(socket, ctx, entry);
    deps.sfu.seatReady(entry);
    sendLobbyQueue(socket, ctx, entry.participant);
    // `peer:ready` answers after all of the above.
    handling.get(socket)?.handlers.seatSettled();
    logger.debug({ peerId: seat.peerId }, 'seat ready: PeerJS connection open');
  }

  /** Tells everyone in the meeting (on this server) it ended and frees every seat. */
  function meetingEnded(meeting: Pick<MeetingWithHost, 'id' | 'code'>): void {
    const room = meetingRoom(meeting.id);
    ctx.hands.clear(meeting.id).catch((error: unknown) => logger.warn({ err: error }, 'hands could not be cleared'));
    // Every seat holder learns it ended, the ones still waiting for their PeerJS connection too.
    for (const entry of rooms.clear(meeting.id)) {
      const socket = io.of('/').sockets.get(entry.socketId);
      if (socket?.data.membership?.meetingId === meeting.id) {
        socket.data.membership = null;
        socket.emit('meeting:ended', { code: meeting.code });
        handling.get(socket)?.handlers.seatSettled();
      }
      ctx.peers.seatFreed(entry.participant.peerId, entry.seat);
    }
    io.in(room).socketsLeave(room);
    lobbyMeetingEnded(ctx, meeting).catch((error: unknown) =>
      logger.warn({ err: error }, 'waiting room could not be told the meeting ended'),
    );
    logger.info({ meeting: meeting.code }, 'meeting ended');
  }

  /** Several servers: the meeting filled before the seat's PeerJS websocket opened; its connection rejoins. */
  function seatRefused(seat: PeerSeat): void {
    const entry = rooms.live(seat);
    if (!entry) return;
    logger.info({ peerId: seat.peerId }, 'seat refused: the meeting filled before its PeerJS connection opened');
    const socket = io.of('/').sockets.get(entry.socketId);
    if (socket) handling.get(socket)?.handlers.seatSettled();
    socket?.conn.close();
  }

  /** Several servers: the peer id was resumed on another server; the seat here goes without a word. */
  function seatReplaced(seat: PeerSeat): void {
    const entry = rooms.live(seat);
    if (!entry) return;
    const socket = io.of('/').sockets.get(entry.socketId);
    if (socket?.data.membership?.peerId === seat.peerId) {
      socket.data.membership = null;
      void socket.leave(meetingRoom(seat.meetingId));
      handling.get(socket)?.handlers.seatSettled();
    }
    rooms.remove(seat.meetingId, seat.peerId, entry.socketId);
    logger.debug({ peerId: seat.peerId }, 'seat resumed on another server');
  }

  /**
   * Several servers: the hands of a meeting changed on some server. Each server reads them from Redis when told
   * and tells its own people, so the last list anyone gets is the latest, whatever order the changes raced in.
   */
  function handsChanged(meetingId: string): void {
    // Nobody of the meeting on this server (the adapter's rooms are this server's): nothing to read.
    if (!io.of('/').adapter.rooms.has(meetingRoom(meetingId))) return;
    ctx.hands.list(meetingId).then(
      (hands) => io.local.to(meetingRoom(meetingId)).emit('hand:changed', { hands }),
      (error: unknown) => logger.warn({ err: error }, 'raised hands could not be loaded'),
    );
  }

  /** Several servers: a seat others may have been told of is gone. */
  function seatVanished(seat: PeerSeat): void {
    if (deps.isStopping()) return;
    io.local.to(meetingRoom(seat.meetingId)).emit('participant:left', { peerId: seat.peerId, reason: 'disconnected' });
  }

  /**
   * The seat's PeerJS websocket stayed closed (the gateway waited `WAVA_PEER_READY_TIMEOUT`): its connection's
   * transport closes, which frees the seat (`participant:left` 'disconnected'); a real client rejoins.
   */
  function seatAbandoned(seat: PeerSeat): void {
    const entry = rooms.live(seat);
    if (entry) io.of('/').sockets.get(entry.socketId)?.conn.close();
  }

  const endSessions = (sessionId: string, code: SignInRevokedCode) => sessions.end(sessionId, code);
  // Each seat hears its meeting's mode (and its SFU credentials) on its own connection.
  deps.sfu.onMode((meetingId, peerId, mode) => {
    const entry = rooms.get(meetingId, peerId);
    if (entry) io.of('/').sockets.get(entry.socketId)?.emit('meeting:mode', mode);
  });
  if (cluster) {
    // The PeerJS websockets of every server (the seat's may be on another than its connection).
    cluster.onSeatAbandoned(seatAbandoned);
    cluster.onSeatReady(seatOpened);
    cluster.onSeatRefused(seatRefused);
    cluster.onSeatReplaced(seatReplaced);
    cluster.onSeatVanished(seatVanished);
    cluster.onHandsChanged(handsChanged);
    cluster.onLobbyChanged((meeting) =>
      lobbyQueueChanged(ctx, meeting).catch((error: unknown) =>
        logger.warn({ err: error }, 'lobby queue could not be loaded'),
      ),
    );
    cluster.onMeetingEnded(meetingEnded);
    cluster.onSessionRevoked(endSessions);
  } else {
    deps.peers.onSeatAbandoned(seatAbandoned);
    deps.peers.onSeatOpened((seat) => seatOpened(seat));
    deps.meetings.onEnded(meetingEnded);
    deps.auth.onSessionRevoked(endSessions);
  }

  return {
    connectedSockets: () => io.of('/').sockets.size,
    async shutdown(reconnectAfterMs, graceMs) {
      // Only this server's clients (with the Redis adapter, io.emit would reach every server's).
      io.local.emit('server:shutdown', { reconnectAfterMs });
      // Closing the transport (not a socket.io "disconnect") lets clients reconnect by themselves.
      // A graceful close first sends what is queued, the shutdown notice included.
      const clients = Object.values((io.engine as unknown as { clients: Record<string, EngineClient> }).clients);
      const allClosed = Promise.all(
        clients.map((client) => new Promise<void>((resolve) => client.once('close', () => resolve()))),
      );
      for (const client of clients) client.close(false);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([allClosed, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      io.engine.close();
    },
  };
}
