import { z } from 'zod';
import { parseDuration } from './parseDuration.js';

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    );

const duration = (minMs: number) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: 'must be a duration such as 90s, 15m, 1h or 30d' });
      return z.NEVER;
    }
    if (ms < minMs) {
      ctx.addIssue({ code: 'custom', message: `must be at least ${minMs} ms` });
      return z.NEVER;
    }
    return ms;
  });

const list = () =>
  z.string().transform((text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

const urlList = (schemes: readonly string[]) =>
  list().refine((urls) => urls.every((url) => schemes.some((scheme) => url.startsWith(`${scheme}:`))), {
    error: `every entry must start with ${schemes.map((s) => `${s}:`).join(' or ')}`,
  });

const httpUrl = z
  .string()
  .trim()
  .refine((text) => /^https?:\/\/[^\s]+$/.test(text) && URL.canParse(text), {
    error: 'must be an http:// or https:// URL',
  });

const postgresUrl = z
  .string()
  .trim()
  .refine((text) => /^postgres(ql)?:\/\/[^\s]+$/.test(text) && URL.canParse(text), {
    error: 'must be a postgres:// or postgresql:// URL',
  });

const redisUrl = z
  .string()
  .trim()
  .refine((text) => /^rediss?:\/\/[^\s]+$/.test(text) && URL.canParse(text), {
    error: 'must be a redis:// or rediss:// URL',
  });

const secret = z.string().min(32, { error: 'must be at least 32 characters long' });

const LOG_FORMATS = ['json', 'pretty'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every environment variable the server reads, with its default. The README's configuration table
 * documents the same list; keep them together.
 */
export const envSchema = z.object({
  WAVA_HOST: z.string().trim().min(1).default('0.0.0.0'),
  WAVA_PORT: integer(0, 65535).default(8080),
  WAVA_DATA_DIR: z.string().trim().min(1).default('./.data'),
  WAVA_DATABASE_URL: postgresUrl.optional(),
  WAVA_DATABASE_POOL_MAX: integer(1, 1000).default(10),
  WAVA_REDIS_URL: redisUrl.optional(),
  WAVA_PUBLIC_URL: httpUrl.optional(),
  WAVA_WEB_ROOT: z.string().trim().min(1).optional(),
  WAVA_SERVE_SOURCE_MAPS: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  WAVA_LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  WAVA_LOG_FORMAT: z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(', ')}` }).default('json'),
  WAVA_TRUST_PROXY: z.string().trim().default('false'),
  // The desktop app's renderer is served from app://wava (see desktop/src/main/security/origins.ts).
  WAVA_CORS_ORIGINS: list().default(['app://wava']),

  WAVA_MAX_PARTICIPANTS: integer(2, 50).default(6),
  WAVA_SEATS_PER_ACCOUNT: integer(1, 50).default(2),
  WAVA_MEETINGS_PER_HOUR: integer(1, 10_000).default(30),
  WAVA_MEETING_IDLE_TIMEOUT: duration(60_000).default(7 * 86_400_000),
  WAVA_CHAT_RETENTION: duration(0).default(30 * 86_400_000),
  WAVA_LOOKUP_MISSES_PER_USER: integer(1, 1_000_000).default(30),
  WAVA_LOOKUP_MISSES_PER_IP: integer(1, 1_000_000).default(100),
  WAVA_LOOKUP_WINDOW: duration(1_000).default(15 * 60_000),

  WAVA_JWT_SECRET: secret.optional(),
  WAVA_PEER_SECRET: secret.optional(),
  WAVA_ACCESS_TOKEN_TTL: duration(10_000).default(15 * 60_000),
  WAVA_REFRESH_TOKEN_TTL: duration(60_000).default(30 * 86_400_000),
  WAVA_REFRESH_GRACE: duration(0).default(10_000),
  WAVA_PEER_TOKEN_TTL: duration(10_000).default(5 * 60_000),

  WAVA_STUN_URLS: urlList(['stun', 'stuns']).default([]),
  WAVA_TURN_URLS: urlList(['turn', 'turns']).default([]),
  WAVA_TURN_SECRET: z.string().min(16, { error: 'must be at least 16 characters long' }).optional(),
  WAVA_TURN_TTL: duration(60_000).default(3_600_000),
  WAVA_ICE_TRANSPORT_POLICY: z.enum(['all', 'relay'], { error: 'must be all or relay' }).default('all'),
  WAVA_STUN: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  WAVA_STUN_PORT: integer(0, 65535).optional(),
  WAVA_STUN_ADVERTISED_URL: urlList(['stun']).optional(),

  WAVA_LOGIN_MAX_PER_USERNAME: integer(1, 1_000_000).default(10),
  WAVA_LOGIN_MAX_PER_IP: integer(1, 1_000_000).default(50),
  WAVA_LOGIN_WINDOW: duration(1_000).default(15 * 60_000),
  WAVA_LOGIN_MAX_PER_ACCOUNT: integer(1, 1_000_000).default(100),
  WAVA_LOGIN_ACCOUNT_WINDOW: duration(1_000).default(3_600_000),
  WAVA_LOGIN_KNOWN_ADDRESS_TTL: duration(0).default(30 * 86_400_000),
  WAVA_REGISTER_MAX_PER_IP: integer(1, 1_000_000).default(100),
  WAVA_REGISTER_WINDOW: duration(1_000).default(3_600_000),
  WAVA_REGISTER_MAX_PER_MINUTE: integer(1, 1_000_000).default(60),
  WAVA_SOCKET_EVENTS_PER_SECOND: integer(1, 100_000).default(20),
  WAVA_SOCKET_EVENT_BURST: integer(1, 100_000).default(40),

  WAVA_PEER_MAX_CONNECTIONS: integer(1, 1_000_000).default(2_000),
  WAVA_PEER_CONNECTIONS_PER_USER: integer(1, 1_000).default(4),
  WAVA_PEER_MESSAGES_PER_SECOND: integer(1, 100_000).default(50),
  WAVA_PEER_MESSAGE_BURST: integer(1, 100_000).default(300),
  WAVA_PEER_BYTES_PER_SECOND: integer(1_024, 100_000_000).default(256 * 1024),
  WAVA_PEER_TOKENS_PER_MINUTE: integer(1, 100_000).default(30),
  WAVA_PEER_READY_TIMEOUT: duration(1_000).default(15_000),

  WAVA_MAX_CONNECTIONS: integer(16, 1_000_000).default(4096),
  WAVA_MAX_CONNECTIONS_PER_IP: integer(1, 1_000_000).default(256),
  WAVA_HTTP_CONNECTIONS_PER_IP: integer(1, 1_000_000).default(128),
  WAVA_HEADERS_TIMEOUT: duration(1_000).default(10_000),
  WAVA_REQUEST_TIMEOUT: duration(1_000).default(60_000),
  WAVA_KEEP_ALIVE_TIMEOUT: duration(1_000).default(5_000),

  WAVA_SFU_URLS: urlList(['ws', 'wss']).default([]),
  WAVA_SFU_ADMIN_URLS: urlList(['ws', 'wss']).default([]),
  WAVA_SFU_PUBLIC_URLS: urlList(['ws', 'wss']).optional(),
  WAVA_SFU_SECRET: secret.optional(),
  WAVA_SFU_THRESHOLD: integer(2, 99).default(4),
  WAVA_SFU_MAX_PARTICIPANTS: integer(3, 100).default(50),
  WAVA_SFU_LAST_N: integer(1, 100).default(9),
  WAVA_SFU_MESH_GRACE: duration(0)
    .pipe(z.number().max(60_000, { error: 'must be at most 60s' }))
    .default(8_000),
  // VideoRoom's `audio_active_packets` and `audio_level_average` (see TALKING_* in sfu/createJanusInstance.ts).
  // Janus takes any value above 0 and falls back to its own default otherwise; levels stop at 127 (silence).
  WAVA_SFU_TALKING_PACKETS: integer(1, 1_000).default(50),
  WAVA_SFU_TALKING_LEVEL: integer(1, 127).default(50),

  WAVA_METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters long' }).optional(),
  WAVA_SHUTDOWN_TIMEOUT: duration(100).default(5_000),
});

export type Env = z.infer<typeof envSchema>;
