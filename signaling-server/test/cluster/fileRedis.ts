import { afterAll, beforeAll } from 'vitest';
import { startRedisServer, type RedisServer } from '../support/redisServer.js';
import { FILE_REDIS_ENV } from '../support/twoServers.js';

/**
 * The several-servers project's setup file: each test file gets a redis-server of its own, started before its
 * tests and stopped after them. Files run three at once, and Redis keeps no deployments apart: pub/sub channels
 * (the Socket.io adapter's among them) ignore database numbers, so one file's servers answered another's
 * `fetchSockets`, and a server being stopped by one file held another's request until its 5 s timeout.
 */
let server: RedisServer | null = null;

beforeAll(async () => {
  server = await startRedisServer();
  process.env[FILE_REDIS_ENV] = server.url;
});

afterAll(async () => {
  delete process.env[FILE_REDIS_ENV];
  await server?.stop();
  server = null;
});
