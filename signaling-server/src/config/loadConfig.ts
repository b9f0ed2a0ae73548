import { isAbsolute, join, resolve } from 'node:path';
import { REFRESH_RETRY_WINDOW_MS } from '@wava/protocol';
import type { z } from 'zod';
import type { Config } from './Config.js';
import { ConfigError } from './ConfigError.js';
import { envSchema } from './envSchema.js';
import { findPackageDir } from './findPackageDir.js';

export interface LoadConfigOptions {
  /** Relative WAVA_DATA_DIR is resolved against this; defaults to the process's working directory. */
  cwd?: string;
  /** The server package directory; the default web root is resolved against it. */
  packageDir?: string;
  /**
   * Told of a setting that loads but works against the clients (main.ts logs it at start-up); standard error unless
   * given.
   */
  warn?: (message: string) => void;
}

const MAX_REFRESH_GRACE_MS = 60_000;

type EnvLike = Record<string, string | undefined>;

/** Reads and validates the configuration; a bad value throws a ConfigError whose message says what to fix. */
export function loadConfig(env: EnvLike, options: LoadConfigOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const parsed = envSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error));
  const e = parsed.data;

  if (e.WAVA_TURN_URLS.length > 0 && !e.WAVA_TURN_SECRET) {
    throw new ConfigError(
      'WAVA_TURN_URLS is set but WAVA_TURN_SECRET is not: set the static-auth-secret of your TURN server.',
    );
  }
  if (e.WAVA_ICE_TRANSPORT_POLICY === 'relay' && e.WAVA_TURN_URLS.length === 0) {
    throw new ConfigError(
      'WAVA_ICE_TRANSPORT_POLICY=relay needs a TURN server: set WAVA_TURN_URLS and WAVA_TURN_SECRET.',
    );
  }

  if (e.WAVA_REFRESH_GRACE > MAX_REFRESH_GRACE_MS) {
    throw new ConfigError(
      'WAVA_REFRESH_GRACE must be at most 60s: within it a stolen refresh token can be replayed without revoking.',
    );
  }

  if (e.WAVA_REFRESH_GRACE < REFRESH_RETRY_WINDOW_MS) {
    const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
    warn(
      `WAVA_REFRESH_GRACE is ${e.WAVA_REFRESH_GRACE / 1000}s, shorter than the ${REFRESH_RETRY_WINDOW_MS / 1000}s ` +
        'within which Wava clients send a refresh whose answer was lost again: such a repeat then signs the person ' +
        `out on every device (REFRESH_REUSED). Set it to at least ${REFRESH_RETRY_WINDOW_MS / 1000}s (default 10s).`,
    );
  }

  const sfu = sfuSettings(e);

  const port = e.WAVA_PORT;
  const packageDir = options.packageDir ?? findPackageDir();
  const config: Config = {
    host: e.WAVA_HOST,
    port,
    dataDir: resolve(cwd, e.WAVA_DATA_DIR),
    database: Object.freeze({ url: e.WAVA_DATABASE_URL ?? null, poolMax: e.WAVA_DATABASE_POOL_MAX }),
    redisUrl: e.WAVA_REDIS_URL ?? null,
    publicUrl: (e.WAVA_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    webRoot: e.WAVA_WEB_ROOT ? resolve(cwd, e.WAVA_WEB_ROOT) : join(packageDir, '..', 'desktop', 'out', 'renderer'),
    serveSourceMaps: e.WAVA_SERVE_SOURCE_MAPS,
    logLevel: e.WAVA_LOG_LEVEL,
    logFormat: e.WAVA_LOG_FORMAT,
    trustProxy: parseTrustProxy(e.WAVA_TRUST_PROXY),
    corsOrigins: Object.freeze(e.WAVA_CORS_ORIGINS.map((origin) => origin.replace(/\/+$/, ''))),
    maxParticipants: e.WAVA_MAX_PARTICIPANTS,
    sfu,
    seatsPerAccount: e.WAVA_SEATS_PER_ACCOUNT,
    meetingIdleTimeoutMs: e.WAVA_MEETING_IDLE_TIMEOUT,
    chatRetentionMs: e.WAVA_CHAT_RETENTION,
    jwtSecret: e.WAVA_JWT_SECRET ?? null,
    peerSecret: e.WAVA_PEER_SECRET ?? null,
    accessTokenTtlMs: e.WAVA_ACCESS_TOKEN_TTL,
    refreshTokenTtlMs: e.WAVA_REFRESH_TOKEN_TTL,
    refreshGraceMs: e.WAVA_REFRESH_GRACE,
    peerTokenTtlMs: e.WAVA_PEER_TOKEN_TTL,
    ice: Object.freeze({
      stunUrls: Object.freeze(e.WAVA_STUN_URLS),
      turnUrls: Object.freeze(e.WAVA_TURN_URLS),
      turnSecret: e.WAVA_TURN_SECRET ?? null,
      turnTtlMs: e.WAVA_TURN_TTL,
      transportPolicy: e.WAVA_ICE_TRANSPORT_POLICY,
    }),
    stun: Object.freeze({
      enabled: e.WAVA_STUN === 'on',
      port: e.WAVA_STUN_PORT ?? port,
      advertisedUrls: e.WAVA_STUN_ADVERTISED_URL ? Object.freeze(e.WAVA_STUN_ADVERTISED_URL) : null,
    }),
    limits: Object.freeze({
      loginPerUsernameAndIp: Object.freeze({ max: e.WAVA_LOGIN_MAX_PER_USERNAME, windowMs: e.WAVA_LOGIN_WINDOW }),
      loginPerUsername: Object.freeze({ max: e.WAVA_LOGIN_MAX_PER_ACCOUNT, windowMs: e.WAVA_LOGIN_ACCOUNT_WINDOW }),
      loginPerIp: Object.freeze({ max: e.WAVA_LOGIN_MAX_PER_IP, windowMs: e.WAVA_LOGIN_WINDOW }),
      loginKnownAddressMs: e.WAVA_LOGIN_KNOWN_ADDRESS_TTL,
      registerPerIp: Object.freeze({ max: e.WAVA_REGISTER_MAX_PER_IP, windowMs: e.WAVA_REGISTER_WINDOW }),
      registerGlobal: Object.freeze({ max: e.WAVA_REGISTER_MAX_PER_MINUTE, windowMs: 60_000 }),
      codeLookupMissesPerUser: Object.freeze({
        max: e.WAVA_LOOKUP_MISSES_PER_USER,
        windowMs: e.WAVA_LOOKUP_WINDOW,
      }),
      codeLookupMissesPerIp: Object.freeze({
        max: e.WAVA_LOOKUP_MISSES_PER_IP,
        windowMs: e.WAVA_LOOKUP_WINDOW,
      }),
      meetingsPerHour: e.WAVA_MEETINGS_PER_HOUR,
      socketEventsPerSecond: e.WAVA_SOCKET_EVENTS_PER_SECOND,
      socketEventBurst: e.WAVA_SOCKET_EVENT_BURST,
    }),
    peer: Object.freeze({
      maxConnections: e.WAVA_PEER_MAX_CONNECTIONS,
      connectionsPerUser: e.WAVA_PEER_CONNECTIONS_PER_USER,
      messagesPerSecond: e.WAVA_PEER_MESSAGES_PER_SECOND,
      messageBurst: e.WAVA_PEER_MESSAGE_BURST,
      bytesPerSecond: e.WAVA_PEER_BYTES_PER_SECOND,
      tokensPerMinute: e.WAVA_PEER_TOKENS_PER_MINUTE,
      readyTimeoutMs: e.WAVA_PEER_READY_TIMEOUT,
    }),
    connections: Object.freeze({
      maxConnections: e.WAVA_MAX_CONNECTIONS,
      maxConnectionsPerIp: e.WAVA_MAX_CONNECTIONS_PER_IP,
      maxHttpConnectionsPerIp: e.WAVA_HTTP_CONNECTIONS_PER_IP,
      headersTimeoutMs: e.WAVA_HEADERS_TIMEOUT,
      requestTimeoutMs: e.WAVA_REQUEST_TIMEOUT,
      keepAliveTimeoutMs: e.WAVA_KEEP_ALIVE_TIMEOUT,
    }),
    metricsToken: e.WAVA_METRICS_TOKEN ?? null,
    shutdownTimeoutMs: e.WAVA_SHUTDOWN_TIMEOUT,
    passwordHashLogN: 15,
  };
  if (!isAbsolute(config.dataDir)) throw new ConfigError(`WAVA_DATA_DIR could not be resolved: ${e.WAVA_DATA_DIR}.`);
  return Object.freeze(config);
}

/** The SFU settings: every instance needs its admin URL (and its public URL when those are given) and the secret. */
function sfuSettings(e: z.infer<typeof envSchema>): Config['sfu'] {
  const urls = e.WAVA_SFU_URLS;
  if (urls.length === 0) {
    if (e.WAVA_SFU_ADMIN_URLS.length > 0 || e.WAVA_SFU_PUBLIC_URLS) {
      throw new ConfigError(
        'WAVA_SFU_ADMIN_URLS and WAVA_SFU_PUBLIC_URLS need WAVA_SFU_URLS: list your Janus instances.',
      );
    }
    return null;
  }
  if (e.WAVA_SFU_ADMIN_URLS.length !== urls.length) {
    throw new ConfigError(
      'WAVA_SFU_ADMIN_URLS must list the admin API (admin_ws) of every Janus instance in WAVA_SFU_URLS, in the same order.',
    );
  }
  if (e.WAVA_SFU_PUBLIC_URLS && e.WAVA_SFU_PUBLIC_URLS.length !== urls.length) {
    throw new ConfigError(
      'WAVA_SFU_PUBLIC_URLS must list one public address per instance in WAVA_SFU_URLS, in the same order.',
    );
  }
  if (!e.WAVA_SFU_SECRET) {
    throw new ConfigError(
      'WAVA_SFU_URLS is set but WAVA_SFU_SECRET is not: set the secret your Janus instances were configured with.',
    );
  }
  if (e.WAVA_SFU_THRESHOLD >= e.WAVA_MAX_PARTICIPANTS) {
    throw new ConfigError(
      'WAVA_SFU_THRESHOLD must be below WAVA_MAX_PARTICIPANTS: a meeting moves to the SFU before it is full as a mesh.',
    );
  }
  if (e.WAVA_SFU_MAX_PARTICIPANTS <= e.WAVA_SFU_THRESHOLD) {
    throw new ConfigError('WAVA_SFU_MAX_PARTICIPANTS must be larger than WAVA_SFU_THRESHOLD.');
  }
  return Object.freeze({
    urls: Object.freeze([...urls]),
    adminUrls: Object.freeze([...e.WAVA_SFU_ADMIN_URLS]),
    publicUrls: e.WAVA_SFU_PUBLIC_URLS ? Object.freeze([...e.WAVA_SFU_PUBLIC_URLS]) : null,
    secret: e.WAVA_SFU_SECRET,
    threshold: e.WAVA_SFU_THRESHOLD,
    maxParticipants: e.WAVA_SFU_MAX_PARTICIPANTS,
    lastN: e.WAVA_SFU_LAST_N,
    meshGraceMs: e.WAVA_SFU_MESH_GRACE,
    talking: Object.freeze({ packets: e.WAVA_SFU_TALKING_PACKETS, level: e.WAVA_SFU_TALKING_LEVEL }),
  });
}

function withoutEmptyValues(env: EnvLike): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('WAVA_') && value !== undefined && value.trim() !== '') result[name] = value;
  }
  return result;
}

function describeIssues(error: z.ZodError): string {
  const sentences = error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'configuration');
    return `${name} ${issue.message}.`;
  });
  return `The server configuration is invalid: ${sentences.join(' ')}`;
}

function parseTrustProxy(value: string): false | number | string {
  if (value === 'false') return false;
  if (value.toLowerCase() === 'true') {
    throw new ConfigError(
      'WAVA_TRUST_PROXY=true would trust any X-Forwarded-For header, so anyone could pick the address every ' +
        'per-address limit counts. Set the number of proxies in front of the server (e.g. 1), or their addresses ' +
        'or subnets (e.g. loopback, or 10.0.0.0/8).',
    );
  }
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
