import { mkdirSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PEER_PATH, SOCKET_IO_PATH, type ServerConfig } from '@wava/protocol';
import type { Logger } from 'pino';
import proxyAddr from 'proxy-addr';
import { createAccessTokens } from './auth/createAccessTokens.js';
import { createAuthService } from './auth/createAuthService.js';
import { createPasswordHasher } from './auth/createPasswordHasher.js';
import { scheduleTokenHousekeeping } from './auth/scheduleTokenHousekeeping.js';
import type { Config } from './config/Config.js';
import { findPackageDir } from './config/findPackageDir.js';
import { loadSecrets } from './config/loadSecrets.js';
import { readServerVersion } from './config/readServerVersion.js';
import type { RedisCluster } from './cluster/createRedisCluster.js';
import { openStorage } from './db/openStorage.js';
import type { Storage } from './db/Storage.js';
import { createHttpApp } from './http/createHttpApp.js';
import { addressKey } from './http/addressKey.js';
import { checkingIntervalMs, limitConnections } from './http/limitConnections.js';
import { warnIfFileLimitLow } from './http/warnIfFileLimitLow.js';
import { rejectUpgrade } from './peer/rejectUpgrade.js';
import { createIceConfigProvider } from './ice/createIceConfigProvider.js';
import { createMeetingControls } from './meetings/createMeetingControls.js';
import { createMeetingService } from './meetings/createMeetingService.js';
import { createRoomRegistry } from './meetings/createRoomRegistry.js';
import { scheduleChatHousekeeping } from './meetings/scheduleChatHousekeeping.js';
import { scheduleMeetingExpiry } from './meetings/scheduleMeetingExpiry.js';
import { createModeratedLobbyPolicy } from './lobby/createModeratedLobbyPolicy.js';
import { createWaitingRoom } from './lobby/createWaitingRoom.js';
import { createLogger } from './observability/createLogger.js';
import { createMetrics } from './observability/createMetrics.js';
import { createPeerCredentials } from './peer/createPeerCredentials.js';
import { createPeerGateway } from './peer/createPeerGateway.js';
import { createSfuController } from './sfu/createSfuController.js';
import { registerSfuMetrics } from './sfu/registerSfuMetrics.js';
import { createPreSeatRegistry } from './meetings/createPreSeatRegistry.js';
import { createSignaling } from './socket/createSignaling.js';
import { advertisedStunUrls } from './stun/advertisedStunUrls.js';
import { createStunResponder } from './stun/createStunResponder.js';

export { DATABASE_FILE } from './db/openStorage.js';
/** How old a peer token may be and still resume its peer id after a reconnect. */
const PEER_RESUME_MAX_AGE_MS = 12 * 3_600_000;
/** What `server:shutdown` tells clients to wait before reconnecting. */
const RECONNECT_AFTER_MS = 1_000;

export interface ServerDeps {
  logger?: Logger;
  /** The clock, in epoch milliseconds: tokens, limits and expiry all read it. */
  now?: () => number;
  /**
   * Another storage; by default the one the configuration names (PostgreSQL at `WAVA_DATABASE_URL`, else SQLite
   * in `<dataDir>/wava.db`). The server awaits its `ready()` before listening and closes it on stop.
   */
  storage?: Storage;
}

export interface WavaServer {
  httpServer: HttpServer;
  /**
   * Listens on the configured host and port (0 picks a free port). If it cannot (the port is taken, the database or
   * Redis cannot be reached), it closes what the server had opened, as `stop()` does, and rejects with the error;
   * the server is then stopped for good (make another to try again).
   */
  start(): Promise<{ port: number; url: string }>;
  /** The built-in STUN responder's UDP port once started; null when it is off. */
  stunPort(): number | null;
  /** Graceful: stop accepting, tell clients, close everything within the shutdown timeout, close the database. */
  stop(): Promise<void>;
}

/**
 * Builds the whole server around one HTTP server. It does not listen until `start()`. The PostgreSQL and Redis
 * adapters, and their drivers, are loaded only when the configuration names them: a server on SQLite alone keeps
 * neither in memory.
 */
export async function createServer(config: Config, deps: ServerDeps = {}): Promise<WavaServer> {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? createLogger(config.logLevel, undefined, config.logFormat);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const secrets = loadSecrets(config.dataDir, { jwtSecret: config.jwtSecret, peerSecret: config.peerSecret });
  // Loaded before anything is opened, so that a failed load leaves nothing open behind it.
  const redisUrl = config.redisUrl;
  const clusterModule = redisUrl ? await import('./cluster/createRedisCluster.js') : null;
  const storage =
    deps.storage ??
    (await openStorage(config, {
      now,
      onIdleError: (error) => logger.warn({ err: error }, 'database connection lost while idle; reconnecting'),
    }));
  const version = readServerVersion(findPackageDir());
  const startedAt = now();
  let stopping = false;

  const rooms = createRoomRegistry();
  const metrics = createMetrics();
  const accessTokens = createAccessTokens({ key: secrets.jwtKey, ttlMs: config.accessTokenTtlMs, now });
  const hasher = createPasswordHasher(config.passwordHashLogN);
  const credentials = createPeerCredentials({
    key: secrets.peerKey,
    ttlMs: config.peerTokenTtlMs,
    maxAgeMs: PEER_RESUME_MAX_AGE_MS,
    now,
  });
  // WAVA_REDIS_URL: several servers share their live state; without it, everything stays in this process.
  const cluster: RedisCluster | undefined =
    clusterModule && redisUrl
      ? clusterModule.createRedisCluster({
          url: redisUrl,
          logger,
          // The SFU's limit once a meeting is or can go there (`sfu` is made below, with this cluster's store).
          maxParticipants: (meetingId) => sfu.maxParticipants(meetingId),
          tagOf: credentials.meetingTagOf,
          tagOfMeeting: credentials.meetingTag,
          rooms,
        })
      : undefined;
  const auth = createAuthService({
    config,
    storage,
    hasher,
    accessTokens,
    metrics,
    logger,
    now,
    refreshKey: secrets.jwtKey,
    sharedLimits: cluster?.limits(now),
  });
  const stun = config.stun.enabled
    ? createStunResponder({ host: config.host, port: config.stun.port, logger, now })
    : null;
  const iceConfig = createIceConfigProvider(config.ice, now, () =>
    advertisedStunUrls(config.stun, config.publicUrl, stun?.port() ?? null),
  );
  const meetings = createMeetingService({ config, storage, now, sharedLimits: cluster?.limits(now) });
  // Who hosts, co-hosts, lock, removals, settings (the waiting room's policy reads them too).
  const controls = createMeetingControls(storage);
  // Meetings past WAVA_SFU_THRESHOLD people move to Janus (WAVA_SFU_URLS); without it every meeting is a mesh.
  const sfu = createSfuController({ config, rooms, logger, store: cluster?.sfu, now });
  meetings.onEnded((meeting) => sfu.meetingEnded(meeting.id));
  registerSfuMetrics(metrics.registry, () => sfu.stats());
  const waitingRoom = createWaitingRoom({
    secret: secrets.jwtKey,
    meetings,
    settings: storage.lobbySettings,
    now,
    sharedLimits: cluster?.limits(now),
    lobby: cluster?.lobby(now),
    policy: createModeratedLobbyPolicy({
      controls,
      settings: storage.lobbySettings,
      roleOf: (meetingId, userId) =>
        rooms.list(meetingId).find((entry) => entry.participant.userId === userId)?.participant.role,
    }),
  });
  const serverConfig: ServerConfig = {
    name: 'Wava',
    version,
    maxParticipants: config.maxParticipants,
    peer: { path: PEER_PATH, key: credentials.key },
    sfuPublicUrls: [...(config.sfu?.publicUrls ?? [])],
  };

  const httpServer = createHttpServer({ connectionsCheckingInterval: checkingIntervalMs(config.connections) });
  // Pre-seats (`meeting:prepare`) on one server only: with several, the PeerJS websocket may land elsewhere.
  const preSeats = cluster ? undefined : createPreSeatRegistry();
  const peer = createPeerGateway({
    credentials,
    rooms,
    preSeats,
    cluster: cluster?.peer,
    limits: config.peer,
    metrics,
    logger,
    now,
  });
  const app = createHttpApp({
    config,
    logger,
    auth,
    meetings,
    iceConfig,
    metrics,
    serverConfig,
    version,
    startedAt,
    now,
    isStopping: () => stopping,
    isReady: () => !stopping && (cluster?.isReady() ?? true),
    mountPeer: (expressApp) => peer.mount(expressApp),
    waitingRoom,
  });
  httpServer.on('request', app);
  const trustProxy = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  limitConnections(httpServer, config.connections, (address) => config.trustProxy !== false && trustProxy(address, 0));
  if (cluster) {
    // Several servers: what happens here is told to every server (this one too, back through the cluster bus).
    auth.onSessionRevoked((sessionId, code) => cluster.sessionRevoked(sessionId, code));
    meetings.onEnded((meeting) => cluster.meetingEnded(meeting));
    peer.onSeatOpened((seat) => cluster.seatOpened(seat));
    peer.onSeatAbandoned((seat) => cluster.seatAbandoned(seat));
    cluster.onSeatFreed((peerId, seat) => peer.seatFreed(peerId, seat));
    cluster.onSeatReadyAnywhere((seat) => peer.promote(seat));
  }
  // Signaling follows the others' events: seats opening (peer), meetings ending, sign-ins revoked; with several
  // servers, the cluster's, which relays them from every server.
  const signaling = createSignaling(httpServer, {
    auth,
    config,
    rooms,
    meetings,
    credentials,
    iceConfig,
    metrics,
    logger,
    now,
    isStopping: () => stopping,
    clientIp: (req) => addressKey(proxyAddr(req, trustProxy)),
    peers: peer,
    prejoin: preSeats && { preSeats, promote: peer.promote },
    chat: storage.chatMessages,
    controls,
    cluster,
    sfu,
    lobby: waitingRoom,
  });
  metrics.sample({
    connectedSockets: signaling.connectedSockets,
    liveMeetings: () => rooms.stats().meetings,
    participants: () => rooms.stats().participants,
    peerConnections: peer.connections,
  });
  // Socket.io takes its own path; PeerJS upgrades are checked and routed here; anything else is refused.
  httpServer.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith(`${SOCKET_IO_PATH}/`)) return;
    if (sfu.handleUpgrade(req, socket, head)) return;
    if (!peer.handleUpgrade(req, socket, head)) rejectUpgrade(socket, 404);
  });
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });

  let stopped: Promise<void> | null = null;
  let stopHousekeeping: (() => void) | null = null;
  let stopChatHousekeeping: (() => void) | null = null;
  let stopMeetingExpiry: (() => void) | null = null;

  const listen = async (): Promise<{ port: number; url: string }> => {
    await storage.ready();
    await cluster?.start();
    await stun?.start();
    await sfu.start();
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      httpServer.once('error', onError);
      httpServer.listen(config.port, config.host, () => {
        httpServer.off('error', onError);
        const { port } = httpServer.address() as AddressInfo;
        const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
        const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
        logger.info({ url, publicUrl: config.publicUrl, version }, 'server listening');
        stopHousekeeping ??= scheduleTokenHousekeeping(storage, logger, now);
        stopChatHousekeeping ??= scheduleChatHousekeeping(storage, config.chatRetentionMs, logger, now);
        // With several servers, a meeting busy on another server is live too.
        stopMeetingExpiry ??= scheduleMeetingExpiry(meetings, cluster?.isMeetingLive ?? rooms.occupied, logger);
        warnIfFileLimitLow(config.connections.maxConnections, logger);
        resolve({ port, url });
      });
    });
  };
  const server: WavaServer = {
    httpServer,
    stunPort: () => stun?.port() ?? null,
    async start() {
      try {
        return await listen();
      } catch (error) {
        // Why is the rejection's, for the caller to tell (main.ts prints it as a sentence).
        logger.warn('server could not start; closing what it opened');
        await server.stop().catch((closeError: unknown) => logger.warn({ err: closeError }, 'closing failed'));
        throw error;
      }
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        stopHousekeeping?.();
        stopChatHousekeeping?.();
        stopMeetingExpiry?.();
        logger.info('server stopping');
        const closed = new Promise<void>((resolve) => {
          if (!httpServer.listening) return resolve();
          httpServer.close(() => resolve());
        });
        httpServer.closeIdleConnections();
        peer.close();
        await signaling.shutdown(RECONNECT_AFTER_MS, config.shutdownTimeoutMs);
        httpServer.closeIdleConnections();
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, config.shutdownTimeoutMs)));
        await Promise.race([closed, timedOut]);
        clearTimeout(timer);
        httpServer.closeAllConnections();
        await closed;
        await stun?.close();
        await sfu.close();
        await cluster?.close();
        await storage.close();
        metrics.stop();
        logger.info('server stopped');
      })();
      return stopped;
    },
  };
  return server;
}
