import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS } from '../src/socket/createSignaling.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { registerUser } from './support/users.js';

const socketIoClient = createRequire(import.meta.url).resolve('socket.io-client');

/** The server's own count of live Socket.io connections, from /metrics. */
async function connectedSockets(server: TestServer): Promise<number> {
  const text = await fetch(`${server.url}/metrics`).then((response) => response.text());
  return Number(/^wava_connected_sockets (\S+)/m.exec(text)?.[1]);
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a client whose process is killed', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('is gone within 10 s, long before a missed ping would tell (pings every 25 s)', async () => {
    expect(PING_INTERVAL_MS + PING_TIMEOUT_MS).toBeGreaterThan(10_000);
    const { session } = await registerUser(server.api, 'Doomed');
    const script = `const { io } = require(${JSON.stringify(socketIoClient)});
      const socket = io(${JSON.stringify(server.url)}, { auth: { token: ${JSON.stringify(session.accessToken)} }, transports: ['websocket'] });
      socket.on('connect', () => console.log('connected'));`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('connected') && resolve());
        child.once('exit', (code) => reject(new Error(`the client exited with ${code}`)));
      });
      expect(await connectedSockets(server)).toBe(1);
      child.kill('SIGKILL');
      await until(async () => (await connectedSockets(server)) === 0, 10_000, 'the disconnect');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
