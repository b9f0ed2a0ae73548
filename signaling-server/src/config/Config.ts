import type { ConnectionLimits } from '../http/limitConnections.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type LogFormat = 'json' | 'pretty';

/** The built-in STUN responder (src/stun): on its own UDP port, advertised in the ICE servers handed out. */
export interface StunSettings {
  enabled: boolean;
  /** The UDP port to bind; 0 picks a free one. */
  port: number;
  /** What clients are told (`stun:host:port`); null derives it from the public URL's host and the bound port. */
  advertisedUrls: readonly string[] | null;
}

export interface WindowLimit {
  /** Most events allowed in one window. */
  max: number;
  windowMs: number;
}

export interface IceSettings {
  stunUrls: readonly string[];
  turnUrls: readonly string[];
  /** coturn's `static-auth-secret`; null when no TURN server is configured. */
  turnSecret: string | null;
  turnTtlMs: number;
  transportPolicy: 'all' | 'relay';
}

export interface PeerLimits {
  /** PeerJS websockets open at once on this server. */
  maxConnections: number;
  /** PeerJS websockets open at once per account. */
  connectionsPerUser: number;
  /** Messages one PeerJS websocket may send per second, and at once. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Bytes one PeerJS websocket may send per second (bursts of four seconds' worth). */
  bytesPerSecond: number;
  /** Peer tokens minted per account per minute (`meeting:join` and `peer:token`). */
  tokensPerMinute: number;
  /** How long a seat may wait for its PeerJS websocket before it is freed. */
  readyTimeoutMs: number;
}

export interface DatabaseSettings {
  /** A `postgres://` connection string; null means SQLite in the data directory. */
  url: string | null;
  /** Most PostgreSQL connections this server opens at once. */
  poolMax: number;
}

/** Large meetings through Janus (src/sfu). Absent from the configuration: every meeting stays a mesh. */
export interface SfuSettings {
  /** WAVA_SFU_URLS: each Janus instance's API websocket, as the Wava server (and its `/sfu` proxy) reaches it. */
  urls: readonly string[];
  /** WAVA_SFU_ADMIN_URLS: each instance's admin API websocket, in the same order. */
  adminUrls: readonly string[];
  /** WAVA_SFU_PUBLIC_URLS: what clients connect to instead of `/sfu` on this server, in the same order; or null. */
  publicUrls: readonly string[] | null;
  /** WAVA_SFU_SECRET: every instance's admin_secret, api_secret and VideoRoom admin_key. */
  secret: string;
  /** A meeting moves to the SFU when more than this many people are in it (and back to mesh at 2). */
  threshold: number;
  /** The size limit of a meeting in SFU mode (the mesh limit stays WAVA_MAX_PARTICIPANTS). */
  maxParticipants: number;
  /** Clients subscribe to the video of this many most recent speakers, plus anyone pinned. */
  lastN: number;
  /**
   * WAVA_SFU_MESH_GRACE: back to mesh, how long the SFU credentials stay valid (and the room lives) while the
   * clients' mesh calls come up (make before break); 0 revokes them at once. Removed people lose theirs at once.
   */
  meshGraceMs: number;
  /** When Janus says a publisher talks (active speaker, last-N): see TalkingThreshold. */
  talking: TalkingThreshold;
}

/**
 * VideoRoom's talking detection, per room: a publisher talks while the average audio level of its last `packets`
 * packets (WAVA_SFU_TALKING_PACKETS; Opus sends 50 a second) is below `level` (WAVA_SFU_TALKING_LEVEL, in -dBov:
 * 0 the loudest, 127 silence, so a LOWER level asks for louder sound).
 */
export interface TalkingThreshold {
  packets: number;
  level: number;
}

/** The server's whole configuration: read once from the environment, frozen, passed to `createServer`. */
export interface Config {
  host: string;
  port: number;
  /** Absolute path of the directory holding the database and the generated secrets. */
  dataDir: string;
  database: DatabaseSettings;
  /**
   * `WAVA_REDIS_URL`: the Redis that several servers share their live state through (seats, events, PeerJS
   * relay, revocations). Null: one server, everything in memory.
   */
  redisUrl: string | null;
  /** Base URL people reach the server at; invite links are built from it. */
  publicUrl: string;
  /** Absolute path of the built web client. */
  webRoot: string;
  /** Whether the web client's source maps (`*.map`) are served; off unless WAVA_SERVE_SOURCE_MAPS=true. */
  serveSourceMaps: boolean;
  logLevel: LogLevel;
  /** JSON lines for log collectors (the default), or short readable lines for a terminal (`npm start`). */
  logFormat: LogFormat;
  /**
   * Express's `trust proxy` setting, so per-IP limits see the real client address behind a proxy: false, a hop
   * count, or addresses/subnets. Never `true` (that trusts any `X-Forwarded-For`, so every per-IP limit is spoofable).
   */
  trustProxy: false | number | string;
  corsOrigins: readonly string[];
  maxParticipants: number;
  /** Janus instances for large meetings; null: no SFU, every meeting is a mesh. */
  sfu: SfuSettings | null;
  /** Seats one account may hold in one meeting, ready or not (its devices and windows). */
  seatsPerAccount: number;
  /** An open meeting with nobody in it, not looked up or joined for this long, ends by itself. */
  meetingIdleTimeoutMs: number;
  /** How long a meeting's chat messages are kept after it ended; a housekeeping sweep deletes older ones. */
  chatRetentionMs: number;
  /** From the environment; when null a secret is generated into the data directory. */
  jwtSecret: string | null;
  peerSecret: string | null;
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  /** A refresh repeated with the same token within this time gets the same successor instead of a revocation. */
  refreshGraceMs: number;
  peerTokenTtlMs: number;
  ice: IceSettings;
  stun: StunSettings;
  limits: {
    /** Failed sign-ins for one username from one address. */
    loginPerUsernameAndIp: WindowLimit;
    /** Failed sign-ins for one username from all addresses that have not signed in to it lately. */
    loginPerUsername: WindowLimit;
    /** Failed sign-ins from one address, whatever the username. */
    loginPerIp: WindowLimit;
    /** How long an address that signed in to an account is exempt from `loginPerUsername`. */
    loginKnownAddressMs: number;
    registerPerIp: WindowLimit;
    /** Meeting-code look-ups that match no meeting, per signed-in user. */
    codeLookupMissesPerUser: WindowLimit;
    /** Meeting-code look-ups that match no meeting, per address. */
    codeLookupMissesPerIp: WindowLimit;
    /** Registrations from all addresses together. */
    registerGlobal: WindowLimit;
    meetingsPerHour: number;
    socketEventsPerSecond: number;
    socketEventBurst: number;
  };
  /** Limits of the PeerJS server. */
  peer: PeerLimits;
  /** What connections may cost: totals, per address, and timeouts (see http/limitConnections.ts). */
  connections: ConnectionLimits;
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  shutdownTimeoutMs: number;
  /** log2 of scrypt's N for new password hashes. 15 in production; not read from the environment. */
  passwordHashLogN: number;
}
