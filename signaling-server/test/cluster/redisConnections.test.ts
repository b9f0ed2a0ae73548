import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisConnections, type RedisConnections } from '../../src/cluster/createRedisConnections.js';
import { redisUrl } from '../support/twoServers.js';

const quiet = pino({ level: 'silent' });

describe("the server's Redis connections", () => {
  let connections: RedisConnections | null = null;
  afterEach(async () => {
    await connections?.close();
    connections = null;
  });

  it('connect although a command sent before the start began connecting one of them', async () => {
    connections = createRedisConnections(redisUrl(), quiet);
    // A lazy connection connects by itself on its first command (a Janus instance up during the server's start).
    const early = connections.command.set('wava:test:early', '1', 'PX', 1_000);
    expect(connections.command.status).toBe('connecting');
    await connections.connect();
    await early;
    expect(connections.isReady()).toBe(true);
    await expect(connections.command.get('wava:test:early')).resolves.toBe('1');
  });

  it('connect after the early command was answered too', async () => {
    connections = createRedisConnections(redisUrl(), quiet);
    await connections.command.ping();
    await connections.connect();
    expect(connections.isReady()).toBe(true);
  });

  it('reject with a sentence when Redis cannot be reached', async () => {
    // A port nothing listens on: the connections give up after their first failure.
    connections = createRedisConnections('redis://127.0.0.1:1', quiet);
    await expect(connections.connect()).rejects.toThrow(/^Redis \(WAVA_REDIS_URL\) could not be reached/);
  });
});
