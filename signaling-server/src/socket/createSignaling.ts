import type { Server as HttpServer } from 'node:http';
import { apiError, LIMITS, type LeaveReason, type Participant } from '@wava/protocol';
import { Server, type ServerOptions } from 'socket.io';
import type { AuthService, SessionEndCode } from '../auth/createAuthService.js';
import { createSlidingWindowLimiter } from '../auth/createSlidingWindowLimiter.js';
import type { MeetingWithHost } from '../db/Storage.js';
import type { PeerSeat, PeerSeats } from '../peer/createPeerGateway.js';
import { authenticateHandshake } from './authenticateHandshake.js';
import { createSerialQueue } from './createSerialQueue.js';
import { createSessionConnections } from './createSessionConnections.js';
import { createTokenBucket } from './createTokenBucket.js';
import { meetingEventHandlers } from './meetingEventHandlers.js';
import { registerEventHandlers } from './registerEventHandlers.js';
import type { SignalingContext } from './SignalingContext.js';
import { meetingRoom, SOCKET_IO_PATH, type WavaIo } from './socketTypes.js';

interface EngineClient {
  close(discard?: boolean): void;
  once(event: 'close', listener: () => void): void;
}

/**
 * Dead-peer detection. A client whose process dies or whose machine closes the connection leaves at once: the
 * kernel closes its TCP connection and the server sees the disconnect. Pings only matter for a connection that
 * vanishes silently (cable pulled, laptop lid shut): it is noticed within pingInterval + pingTimeout = 30 s.
 * Socket.io's default interval (25 s) keeps idle CPU at bare Socket.io's level with thousands of connections
 * (a 5 s interval cost more than twice that); the short timeout drops a silent connection 15 s sooner than
 * Socket.io's default (20 s) would.
 */
export const PING_INTERVAL_MS = 25_000;
export const PING_TIMEOUT_MS = 5_000;

export interface Signaling extends PeerSeats {
  connectedSockets(): number;
  /** Whether the seat is one of this server's, live right now. */
  isLive(seat: PeerSeat): boolean;
  /**
   * The seat's PeerJS websocket opened: announces it. `others` (several servers) lists who else is ready
   * deployment-wide; without it, this server's own seats are listed.
   */
  opened(seat: PeerSeat, others?: Participant[]): void;
  /** The seat's PeerJS websocket opened but the meeting filled meanwhile: its connection rejoins (and finds it full). */
  refused(seat: PeerSeat): void;
  /**
   * Several servers: the person resumed this seat's peer id on another server; the seat here is dropped quietly
   * (no `participant:left`), as a takeover on one server does.
   */
  replaced(seat: PeerSeat): void;
  /** Several servers: a seat others may have been told of is gone; tells this server's people in the meeting. */
  vanished(seat: PeerSeat): void;
  /** Tells everyone in the meeting (on this server) it ended and frees every seat. */
  meetingEnded(meeting: Pick<MeetingWithHost, 'id' | 'code'>): void;
  /**
   * Ends every connection of a revoked sign-in: `session:revoked`, out of its meeting (the others get
   * `participant:left`), disconnected. Returns the peer ids their seats held.
   */
  sessionRevoked(sessionId: string, code: SessionEndCode): string[];
  /** Tells every client the server is stopping, then closes every connection (within `graceMs`). */
  shutdown(reconnectAfterMs: number, graceMs: number): Promise<void>;
}

export function createSignaling(
  httpServer: HttpServer,
  deps: Omit<SignalingContext, 'io' | 'tokenLimiter'> & {
    auth: AuthService;
    /** Several servers: Socket.io's Redis adapter, so room events reach every server's sockets. */
    adapter?: ServerOptions['adapter'];
  },
): Signaling {
  const { config, logger, metrics, rooms } = deps;
  const anyOrigin = config.corsOrigins.includes('*');
  const io: WavaIo = new Server(httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    maxHttpBufferSize: LIMITS.socketMessageMaxBytes,
    pingInterval: PING_INTERVAL_MS,
    pingTimeout: PING_TIMEOUT_MS,
    connectTimeout: 10_000,
    // Upgrades for other paths (PeerJS) are routed by createServer; engine.io must not destroy them.
    destroyUpgrade: false,
    cors: { origin: anyOrigin ? true : [...config.corsOrigins], methods: ['GET', 'POST'] },
    allowRequest: (_req, callback) => callback(null, !deps.isStopping()),
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });
  const tokenLimiter = createSlidingWindowLimiter({ max: config.peer.tokensPerMinute, windowMs: 60_000 }, deps.now);
  const ctx: SignalingContext = { ...deps, io, tokenLimiter };
  const liveSeat = (seat: PeerSeat) => {
    const entry = rooms.get(seat.meetingId, seat.peerId);
    return entry?.seat === seat.seat && entry.participant.userId === seat.userId ? entry : undefined;
  };
  const sessions = createSessionConnections();

  io.use(authenticateHandshake(deps.auth));
  io.on('connection', (socket) => {
    const log = logger.child({ socketId: socket.id, userId: socket.data.user.id });
    log.debug('socket connected');
    const serial = createSerialQueue((error) => log.error({ err: error }, 'socket task failed'));
    const handlers = meetingEventHandlers(socket, ctx);
    registerEventHandlers(socket, handlers, {
      bucket: createTokenBucket(config.limits.socketEventBurst, config.limits.socketEventsPerSecond, deps.now),
      metrics,
      logger: log,
      serial,
    });
    let leaveReason: LeaveReason = 'disconnected';
    const endConnection = (code: SessionEndCode): string | null => {
      const peerId = socket.data.membership?.peerId ?? null;
      log.info({ code }, 'sign-in revoked: connection closed');
      leaveReason = 'left';
      socket.emit('session:revoked', apiError(code));
      socket.disconnect(true);
      return peerId;
    };
    const forget = sessions.add(socket.data.sessionId, endConnection);
    // A sign-out between the handshake's check and `add` above would have missed this connection.
    deps.auth.isSessionActive(socket.data.sessionId).then(
      (active) => {
        if (!active && socket.connected) endConnection('TOKEN_INVALID');
      },
      (error: unknown) => log.warn({ err: error }, 'session check failed'),
    );
    socket.on('disconnect', (reason) => {
      forget();
      log.debug({ reason }, 'socket disconnected');
      // Queued behind any join still in progress, so that join's seat is freed too.
      serial(async () => handlers.leave(leaveReason));
    });
  });

  return {
    connectedSockets: () => io.of('/').sockets.size,
    isLive: (seat) => liveSeat(seat) !== undefined,
    opened(seat, others) {
      const entry = liveSeat(seat);
      if (!entry || entry.ready) return;
      const socket = io.of('/').sockets.get(entry.socketId);
      if (socket?.data.membership?.peerId !== entry.participant.peerId) return;
      entry.ready = true;
      const room = meetingRoom(entry.meetingId);
      socket.to(room).emit('participant:joined', entry.participant);
      // Only now does this connection learn who is here (its join answer listed nobody).
      const present =
        others ?? rooms.list(entry.meetingId).flatMap((o) => (o.ready && o !== entry ? [o.participant] : []));
      for (const other of present) socket.emit('participant:joined', other);
      void socket.join(room);
      logger.debug({ peerId: seat.peerId }, 'seat ready: PeerJS connection open');
    },
    refused(seat) {
      const entry = liveSeat(seat);
      if (!entry) return;
      logger.info({ peerId: seat.peerId }, 'seat refused: the meeting filled before its PeerJS connection opened');
      io.of('/').sockets.get(entry.socketId)?.conn.close();
    },
    replaced(seat) {
      const entry = liveSeat(seat);
      if (!entry) return;
      const socket = io.of('/').sockets.get(entry.socketId);
      if (socket?.data.membership?.peerId === seat.peerId) {
        socket.data.membership = null;
        void socket.leave(meetingRoom(seat.meetingId));
      }
      rooms.remove(seat.meetingId, seat.peerId, entry.socketId);
      logger.debug({ peerId: seat.peerId }, 'seat resumed on another server');
    },
    vanished(seat) {
      if (deps.isStopping()) return;
      io.local
        .to(meetingRoom(seat.meetingId))
        .emit('participant:left', { peerId: seat.peerId, reason: 'disconnected' });
    },
    meetingEnded(meeting) {
      const room = meetingRoom(meeting.id);
      // Every seat holder learns it ended, the ones still waiting for their PeerJS connection too.
      for (const entry of rooms.clear(meeting.id)) {
        const socket = io.of('/').sockets.get(entry.socketId);
        if (socket?.data.membership?.meetingId === meeting.id) {
          socket.data.membership = null;
          socket.emit('meeting:ended', { code: meeting.code });
        }
        deps.peers.seatFreed(entry.participant.peerId, entry.seat);
      }
      io.in(room).socketsLeave(room);
      logger.info({ meeting: meeting.code }, 'meeting ended');
    },
    sessionRevoked: (sessionId, code) => sessions.end(sessionId, code),
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
