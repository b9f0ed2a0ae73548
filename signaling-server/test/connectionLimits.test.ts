import { connect, type Socket } from 'node:net';
import { Agent, request } from 'node:http';
import WebSocket from 'ws';
import { API_ROUTES, SOCKET_IO_PATH } from '@wava/protocol';
import { describe, expect, it } from 'vitest';
import { startTestServer } from './support/startTestServer.js';

const ATTACKER = '127.0.0.1';
const SOMEONE_ELSE = '127.0.0.2';

/** A raw TCP connection from `localAddress` that never sends a byte; resolves once connected (or refused). */
function idleConnection(port: number, localAddress: string): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => undefined);
    // Reading lets 'close' fire once the server ends the connection (a paused socket never sees the end).
    socket.resume();
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('close', () => resolve({ socket, closed }));
  });
}

function healthFrom(port: number, localAddress: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ port, host: '127.0.0.1', localAddress, path: API_ROUTES.health, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

describe('idle and half-open connections', () => {
  it('a few hundred idle connections from one address hold at most the per-address cap, and are closed', async () => {
    const server = await startTestServer({
      env: { WAVA_MAX_CONNECTIONS_PER_IP: '20', WAVA_HEADERS_TIMEOUT: '1s' },
    });
    try {
      const port = Number(new URL(server.url).port);
      const idle = await Promise.all(Array.from({ length: 300 }, () => idleConnection(port, ATTACKER)));
      const held = await new Promise<number>((resolve, reject) =>
        server.server.httpServer.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      );
      expect(held).toBeLessThanOrEqual(20);

      // Someone at another address is served while the attacker's connections are open.
      expect(await healthFrom(port, SOMEONE_ELSE)).toBe(200);

      // Every idle connection ends: refused over the cap, or closed when its header timeout passes.
      await Promise.all(idle.map((connection) => connection.closed));
      // The cap is released as the server sees them close: the same address is served again.
      await expect.poll(() => healthFrom(port, ATTACKER)).toBe(200);
    } finally {
      await server.dispose();
    }
  });

  it('answers an idle connection that never finishes its headers with 408 and closes it', async () => {
    const server = await startTestServer({ env: { WAVA_HEADERS_TIMEOUT: '1s' } });
    try {
      const port = Number(new URL(server.url).port);
      const { socket, closed } = await idleConnection(port, ATTACKER);
      const received: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      await closed;
      expect(Buffer.concat(received).toString('latin1')).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      await server.dispose();
    }
  });

  it('holds few plain HTTP connections per address, while its websockets do not count against that', async () => {
    const server = await startTestServer({
      env: { WAVA_HTTP_CONNECTIONS_PER_IP: '4', WAVA_MAX_CONNECTIONS_PER_IP: '20', WAVA_HEADERS_TIMEOUT: '1s' },
    });
    const attacker = '127.0.0.5';
    try {
      const port = Number(new URL(server.url).port);
      const idle = await Promise.all(Array.from({ length: 10 }, () => idleConnection(port, attacker)));
      expect(await healthFrom(port, attacker)).toBe(0); // its 4 plain connections are held
      expect(await healthFrom(port, SOMEONE_ELSE)).toBe(200);
      await Promise.all(idle.map((connection) => connection.closed));
      await expect.poll(() => healthFrom(port, attacker)).toBe(200);

      // Six websockets from that address: each was plain HTTP only until its upgrade.
      const sockets: WebSocket[] = [];
      for (let i = 0; i < 6; i += 1) {
        const ws = new WebSocket(`ws://127.0.0.1:${port}${SOCKET_IO_PATH}/?EIO=4&transport=websocket`, {
          localAddress: attacker,
        });
        await new Promise((resolve, reject) => {
          ws.once('open', resolve);
          ws.once('error', reject);
        });
        sockets.push(ws);
      }
      expect(await healthFrom(port, attacker)).toBe(200);
      for (const ws of sockets) ws.terminate();
    } finally {
      await server.dispose();
    }
  });

  it('closes idle keep-alive connections when the server is nearly full, so newcomers get in', async () => {
    const server = await startTestServer({ env: { WAVA_MAX_CONNECTIONS: '16', WAVA_KEEP_ALIVE_TIMEOUT: '60s' } });
    try {
      const port = Number(new URL(server.url).port);
      // Keep-alive connections, each idle after one request, up to 14 (from as many addresses: 23 addresses x 256
      // held the default 4,096).
      const connections = () =>
        new Promise<number>((resolve, reject) =>
          server.server.httpServer.getConnections((error, count) => (error ? reject(error) : resolve(count))),
        );
      const closed: Array<Promise<void>> = [];
      for (let i = 1; (await connections()) < 14; i += 1) {
        const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.2.${i}` });
        const { whenClosed } = await new Promise<{ whenClosed: Promise<void> }>((resolve, reject) => {
          const req = request({ port, host: '127.0.0.1', path: API_ROUTES.health, agent }, (res) => {
            const socket = res.socket;
            res.resume();
            res.on('end', () =>
              resolve({ whenClosed: new Promise<void>((done) => socket.once('close', () => done())) }),
            );
          });
          req.on('error', reject);
          req.end();
        });
        closed.push(whenClosed);
      }
      // The 15th connection brings the server near its cap: the idle ones are closed to make room.
      expect(await healthFrom(port, SOMEONE_ELSE)).toBe(200);
      await Promise.all(closed);
      expect(await healthFrom(port, SOMEONE_ELSE)).toBe(200);
    } finally {
      await server.dispose();
    }
  });
});
