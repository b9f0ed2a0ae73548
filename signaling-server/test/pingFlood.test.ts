import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { newMeeting } from './support/meetings.js';
import { closeAllPeerSockets } from './support/peerSocket.js';
import { closeAllSockets, connectSocket, joined, openPeerOf } from './support/sockets.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { registerUser } from './support/users.js';

const MIB = 1024 * 1024;
/** A ping frame's largest payload. */
const PING = Buffer.alloc(125, 7);

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
function heapHeld(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/**
 * Pings as fast as it can while never reading (so every pong the server sends stays queued on the server's
 * side), until the server closes the connection or `max` pings went out. Resolves with how many were sent.
 */
async function pingFlood(ws: WebSocket, max: number): Promise<{ sent: number; closed: boolean }> {
  ws.pause();
  let closed = false;
  ws.once('close', () => (closed = true));
  // A paused socket does not see the close: the server's FIN or reset shows as a write that fails.
  ws.on('error', () => (closed = true));
  let sent = 0;
  while (!closed && sent < max && ws.readyState === WebSocket.OPEN) {
    for (let i = 0; i < 500 && ws.readyState === WebSocket.OPEN; i += 1, sent += 1) ws.ping(PING);
    await new Promise((resolve) => setImmediate(resolve));
  }
  ws.resume();
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { sent, closed: closed || ws.readyState !== WebSocket.OPEN };
}

/** Review finding: ws answered every ping by itself, below every limit, so a client that did not read grew the heap. */
describe('ping floods', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    closeAllPeerSockets();
    closeAllSockets();
    await server?.dispose();
    server = null;
  });

  it('a PeerJS socket that pings without reading is closed, and the server holds no pile of pongs', async () => {
    server = await startTestServer();
    const host = await registerUser(server.api, 'Pinger');
    const code = await newMeeting(server.api, host);
    const socket = await connectSocket(server.url, host.session.accessToken);
    const peer = await openPeerOf(socket, await joined(socket, code));
    const before = heapHeld();
    const flood = await pingFlood(peer.ws, 200_000);
    expect(flood.closed).toBe(true);
    expect(flood.sent).toBeLessThan(200_000);
    expect(heapHeld() - before).toBeLessThan(16 * MIB);
    // The server is fine: someone else still signs in and joins.
    const other = await registerUser(server.api, 'Next');
    const otherSocket = await connectSocket(server.url, other.session.accessToken);
    expect((await joined(otherSocket, code)).meeting.code).toBe(code);
  });

  it('a Socket.io websocket (no sign-in needed to open one) that pings without reading is closed', async () => {
    server = await startTestServer();
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const before = heapHeld();
    const flood = await pingFlood(ws, 200_000);
    expect(flood.closed).toBe(true);
    expect(flood.sent).toBeLessThan(200_000);
    expect(heapHeld() - before).toBeLessThan(16 * MIB);
  });
});
