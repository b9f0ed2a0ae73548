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

describe('a client whose main thread is held up for seconds (a busy machine)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('stays connected when it answers the server’s ping 8 s late', async () => {
    // The client's event loop sleeps (Atomics.wait, no CPU) from its connection until 8 s past the first ping,
    // as a page's main thread busy with five calls on two cores did: it reads the ping and answers only then.
    const stallMs = PING_INTERVAL_MS + 8_000;
    const { session } = await registerUser(server.api, 'Busy');
    const script = `const { io } = require(${JSON.stringify(socketIoClient)});
      const socket = io(${JSON.stringify(server.url)}, { auth: { token: ${JSON.stringify(session.accessToken)} }, transports: ['websocket'], reconnection: false });
      socket.on('disconnect', (reason) => console.log('disconnected: ' + reason));
      socket.once('connect', () => {
        console.log('connected');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${stallMs});
        setTimeout(() => console.log(socket.connected ? 'still connected' : 'dropped'), 1000);
      });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await until(async () => /still connected|dropped|disconnected/.test(output), stallMs + 15_000, 'the verdict');
      expect(output).toContain('still connected');
      expect(output).not.toContain('disconnected');
      expect(await connectedSockets(server)).toBe(1);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});
