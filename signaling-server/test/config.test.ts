import { createSecretKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REFRESH_RETRY_WINDOW_MS } from '@wava/protocol';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../src/auth/createAccessTokens.js';
import { ConfigError } from '../src/config/ConfigError.js';
import { findPackageDir } from '../src/config/findPackageDir.js';
import { loadConfig } from '../src/config/loadConfig.js';
import { loadSecrets, SECRETS_FILE } from '../src/config/loadSecrets.js';
import { startTestServer } from './support/startTestServer.js';
import { registerUser } from './support/users.js';

describe('loadConfig', () => {
  it('has safe defaults: no public STUN/TURN, paths resolved, frozen', () => {
    const config = loadConfig({}, { cwd: '/srv/wava' });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      dataDir: '/srv/wava/.data',
      publicUrl: 'http://localhost:8080',
      maxParticipants: 6,
      accessTokenTtlMs: 15 * 60_000,
      refreshTokenTtlMs: 30 * 86_400_000,
      logLevel: 'info',
      corsOrigins: ['app://wava'],
      jwtSecret: null,
      passwordHashLogN: 15,
      ice: { stunUrls: [], turnUrls: [], turnSecret: null, turnTtlMs: 3_600_000, transportPolicy: 'all' },
      // The built-in STUN responder: on, on the HTTP port's number over UDP, advertised from the public URL.
      stun: { enabled: true, port: 8080, advertisedUrls: null },
      logFormat: 'json',
      limits: { meetingsPerHour: 30 },
      database: { url: null, poolMax: 10 },
      redisUrl: null,
      peer: {
        maxConnections: 2_000,
        connectionsPerUser: 4,
        messagesPerSecond: 50,
        messageBurst: 300,
        bytesPerSecond: 256 * 1024,
        tokensPerMinute: 30,
        readyTimeoutMs: 15_000,
      },
    });
    expect(config.webRoot).toBe(resolve(findPackageDir(), '..', 'desktop', 'out', 'renderer'));
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.ice)).toBe(true);
  });

  it('reads every kind of value', () => {
    const config = loadConfig(
      {
        WAVA_PORT: '9000',
        WAVA_DATA_DIR: 'var/data',
        WAVA_PUBLIC_URL: 'https://meet.example.com/',
        WAVA_WEB_ROOT: 'web',
        WAVA_ACCESS_TOKEN_TTL: '5m',
        WAVA_REFRESH_TOKEN_TTL: '7d',
        WAVA_CORS_ORIGINS: 'app://wava, https://intranet.example.com/',
        WAVA_STUN_URLS: 'stun:a:3478,stuns:b:5349',
        WAVA_TURN_URLS: 'turns:b:443?transport=tcp',
        WAVA_TURN_SECRET: 'sixteen-chars-at-least',
        WAVA_ICE_TRANSPORT_POLICY: 'relay',
        WAVA_TRUST_PROXY: 'loopback',
        WAVA_LOGIN_WINDOW: '600',
        WAVA_STUN_PORT: '3478',
        WAVA_STUN_ADVERTISED_URL: 'stun:stun.example.com:3478',
        WAVA_LOG_FORMAT: 'pretty',
        WAVA_DATABASE_URL: 'postgresql://wava:secret@db.internal:5432/wava?sslmode=verify-full',
        WAVA_REDIS_URL: 'rediss://:secret@cache.internal:6380/2',
        WAVA_DATABASE_POOL_MAX: '25',
        WAVA_PEER_MAX_CONNECTIONS: '10000',
        WAVA_PEER_READY_TIMEOUT: '5s',
        UNRELATED: 'ignored',
      },
      { cwd: '/opt' },
    );
    expect(config).toMatchObject({
      port: 9000,
      dataDir: '/opt/var/data',
      webRoot: '/opt/web',
      publicUrl: 'https://meet.example.com',
      accessTokenTtlMs: 300_000,
      refreshTokenTtlMs: 7 * 86_400_000,
      corsOrigins: ['app://wava', 'https://intranet.example.com'],
      trustProxy: 'loopback',
      ice: {
        stunUrls: ['stun:a:3478', 'stuns:b:5349'],
        turnUrls: ['turns:b:443?transport=tcp'],
        transportPolicy: 'relay',
      },
      limits: { loginPerIp: { windowMs: 600_000 } },
      stun: { enabled: true, port: 3478, advertisedUrls: ['stun:stun.example.com:3478'] },
      logFormat: 'pretty',
      database: { url: 'postgresql://wava:secret@db.internal:5432/wava?sslmode=verify-full', poolMax: 25 },
      redisUrl: 'rediss://:secret@cache.internal:6380/2',
      peer: { maxConnections: 10_000, readyTimeoutMs: 5_000 },
    });
    expect(loadConfig({ WAVA_STUN: 'off' }).stun.enabled).toBe(false);
  });

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ WAVA_PORT: 'eighty' }, /WAVA_PORT must be a whole number/],
    [{ WAVA_PORT: '70000' }, /WAVA_PORT must be at most 65535/],
    [{ WAVA_ACCESS_TOKEN_TTL: 'soon' }, /WAVA_ACCESS_TOKEN_TTL must be a duration such as 90s, 15m, 1h or 30d/],
    [{ WAVA_STUN_URLS: 'https://stun.example.com' }, /WAVA_STUN_URLS every entry must start with stun: or stuns:/],
    [{ WAVA_TURN_URLS: 'turn:t:3478' }, /WAVA_TURN_URLS is set but WAVA_TURN_SECRET is not/],
    [{ WAVA_ICE_TRANSPORT_POLICY: 'relay' }, /needs a TURN server/],
    [{ WAVA_PUBLIC_URL: 'ftp://files' }, /WAVA_PUBLIC_URL must be an http:\/\/ or https:\/\/ URL/],
    [{ WAVA_LOG_LEVEL: 'loud' }, /WAVA_LOG_LEVEL must be one of/],
    [{ WAVA_JWT_SECRET: 'short' }, /WAVA_JWT_SECRET must be at least 32 characters long/],
    [{ WAVA_MAX_PARTICIPANTS: '1' }, /WAVA_MAX_PARTICIPANTS must be at least 2/],
    [{ WAVA_REFRESH_GRACE: '5m' }, /WAVA_REFRESH_GRACE must be at most 60s/],
    [{ WAVA_TRUST_PROXY: 'true' }, /WAVA_TRUST_PROXY=true would trust any X-Forwarded-For header.*e\.g\. 1/],
    [{ WAVA_STUN: 'yes' }, /WAVA_STUN must be on or off/],
    [{ WAVA_STUN_PORT: '65536' }, /WAVA_STUN_PORT must be at most 65535/],
    [{ WAVA_STUN_ADVERTISED_URL: 'turn:t:3478' }, /WAVA_STUN_ADVERTISED_URL every entry must start with stun:/],
    [{ WAVA_LOG_FORMAT: 'xml' }, /WAVA_LOG_FORMAT must be one of json, pretty/],
    [{ WAVA_SERVE_SOURCE_MAPS: 'yes' }, /WAVA_SERVE_SOURCE_MAPS must be true or false/],
    [{ WAVA_DATABASE_URL: 'mysql://db/wava' }, /WAVA_DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
    [{ WAVA_DATABASE_POOL_MAX: '0' }, /WAVA_DATABASE_POOL_MAX must be at least 1/],
    [{ WAVA_REDIS_URL: 'localhost:6379' }, /WAVA_REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    [{ WAVA_PEER_READY_TIMEOUT: '500ms' }, /WAVA_PEER_READY_TIMEOUT must be at least 1000 ms/],
    [{ WAVA_PEER_MAX_CONNECTIONS: '0' }, /WAVA_PEER_MAX_CONNECTIONS must be at least 1/],
    [{ WAVA_PEER_BYTES_PER_SECOND: '100' }, /WAVA_PEER_BYTES_PER_SECOND must be at least 1024/],
  ];
  it.each(bad)('fails at startup with a clear sentence for %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("warns, and still loads, when WAVA_REFRESH_GRACE is shorter than the window of the clients' retries", () => {
    const warnings: string[] = [];
    const config = loadConfig({ WAVA_REFRESH_GRACE: '3s' }, { warn: (message) => warnings.push(message) });
    expect(config.refreshGraceMs).toBe(3_000);
    expect(warnings).toEqual([expect.stringMatching(/WAVA_REFRESH_GRACE is 3s.*6s/)]);
    const off: string[] = [];
    loadConfig({ WAVA_REFRESH_GRACE: '0' }, { warn: (message) => off.push(message) });
    expect(off).toEqual([expect.stringMatching(/WAVA_REFRESH_GRACE is 0s/)]);
    const quiet: string[] = [];
    loadConfig({}, { warn: (message) => quiet.push(message) });
    loadConfig(
      { WAVA_REFRESH_GRACE: `${REFRESH_RETRY_WINDOW_MS / 1000}s` },
      { warn: (message) => quiet.push(message) },
    );
    expect(quiet).toEqual([]);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ WAVA_PORT: '', WAVA_STUN_URLS: ' ' }).port).toBe(8080);
  });
});

describe('secrets', () => {
  it('generates the secrets on first run with mode 0600 and reads the same ones back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wava-secrets-'));
    try {
      const first = loadSecrets(dir, { jwtSecret: null, peerSecret: null });
      const file = join(dir, SECRETS_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const second = loadSecrets(dir, { jwtSecret: null, peerSecret: null });
      expect(second.jwtKey.export().equals(first.jwtKey.export())).toBe(true);
      expect(second.peerKey.export().equals(first.peerKey.export())).toBe(true);
      expect(first.jwtKey.export().equals(first.peerKey.export())).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a damaged secrets file with a sentence saying what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wava-secrets-'));
    try {
      writeFileSync(join(dir, SECRETS_FILE), '{"version":1,"jwtSecret":"short"}');
      expect(() => loadSecrets(dir, { jwtSecret: null, peerSecret: null })).toThrow(/is damaged/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('signs access tokens with WAVA_JWT_SECRET when it is given, not with a generated secret', async () => {
    const secret = 'a-deployment-wide-secret-of-at-least-32-chars';
    const server = await startTestServer({ env: { WAVA_JWT_SECRET: secret } });
    try {
      const user = await registerUser(server.api, 'Env');
      const claims = jwt.verify(user.session.accessToken, createSecretKey(Buffer.from(secret)), {
        algorithms: ['HS256'],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
      });
      expect(claims).toMatchObject({ sub: user.session.user.id });
      const stored = JSON.parse(readFileSync(join(server.dataDir, SECRETS_FILE), 'utf8')) as { jwtSecret: string };
      expect(Buffer.from(stored.jwtSecret, 'base64').toString()).not.toBe(secret);
    } finally {
      await server.dispose();
    }
  });
});
