import type { ConnectionLimits } from '../http/limitConnections.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

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

/** The server's whole configuration: read once from the environment, frozen, passed to `createServer`. */
export interface Config {
  host: string;
  port: number;
  /** Absolute path of the directory holding the database and the generated secrets. */
  dataDir: string;
  /** Base URL people reach the server at; invite links are built from it. */
  publicUrl: string;
  /** Absolute path of the built web client. */
  webRoot: string;
  logLevel: LogLevel;
  /**
   * Express's `trust proxy` setting, so per-IP limits see the real client address behind a proxy: false, a hop
   * count, or addresses/subnets. Never `true` (that trusts any `X-Forwarded-For`, so every per-IP limit is spoofable).
   */
  trustProxy: false | number | string;
  corsOrigins: readonly string[];
  maxParticipants: number;
  /** An open meeting with nobody in it, not looked up or joined for this long, ends by itself. */
  meetingIdleTimeoutMs: number;
  /** From the environment; when null a secret is generated into the data directory. */
  jwtSecret: string | null;
  peerSecret: string | null;
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  /** A refresh repeated with the same token within this time gets the same successor instead of a revocation. */
  refreshGraceMs: number;
  peerTokenTtlMs: number;
  ice: IceSettings;
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
  /** What connections may cost: totals, per address, and timeouts (see http/limitConnections.ts). */
  connections: ConnectionLimits;
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  shutdownTimeoutMs: number;
  /** log2 of scrypt's N for new password hashes. 15 in production; not read from the environment. */
  passwordHashLogN: number;
}
