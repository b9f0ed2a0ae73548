import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { JoinResult, PeerCredentials } from '@wava/protocol';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { SECRETS_FILE } from '../src/config/loadSecrets.js';
import { errorCodeOf, getRaw } from './support/http.js';
import { openPeerSocket } from './support/peerSocket.js';
import { connectSocket, joined, request, type ClientSocket } from './support/sockets.js';
import { newMeeting } from './support/meetings.js';
import type { TestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import type { TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

describe('the PeerJS server: peer ids issued by us, bound to user and meeting', () => {
  const clock = createTestClock();
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let mallory: TestUser;
  useServerWithUsers({ now: clock.now }, ['Alice', 'Bob', 'Mallory'], (started, users) => {
    server = started;
    [alice, bob, mallory] = users;
  });

  async function meetingWith(...users: TestUser[]): Promise<Array<{ socket: ClientSocket; join: JoinResult }>> {
    const meetingCode = await newMeeting(server.api, users[0]!);
    const members = [];
    for (const user of users) {
      const socket = await connectSocket(server.url, user.session.accessToken);
      members.push({ socket, join: await joined(socket, meetingCode) });
    }
    return members;
  }
  const peerOf = (join: JoinResult, override: Partial<PeerCredentials & { key: string }> = {}) =>
    openPeerSocket(server.url, { ...join.peer, ...override });

  async function droppedForeign(): Promise<number> {
    const metrics = await getRaw(`${server.url}/metrics`);
    const match = /wava_peer_messages_dropped_total\{reason="foreign-meeting"\} (\d+)/.exec(metrics.text);
    return match ? Number(match[1]) : 0;
  }

  it('lets participants connect with their credentials and relays signalling within the meeting', async () => {
    const [a, b] = await meetingWith(alice, bob);
    const peerA = await peerOf(a!.join);
    const peerB = await peerOf(b!.join);
    peerA.send({ type: 'OFFER', dst: b!.join.peer.id, payload: { sdp: 'v=0 fake offer' } });
    const offer = await peerB.waitFor((m) => m.type === 'OFFER');
    expect(offer).toMatchObject({ src: a!.join.peer.id, dst: b!.join.peer.id, payload: { sdp: 'v=0 fake offer' } });
  });

  it("refuses (401) a peer id claimed with someone else's token, a forged token, or a wrong key", async () => {
    const [victim] = await meetingWith(alice);
    const victimPeer = await peerOf(victim!.join);
    const [attacker] = await meetingWith(mallory);
    const forged = `${victim!.join.peer.token.split('.')[0]}.${'A'.repeat(43)}`;
    const attempts: Array<Partial<PeerCredentials & { key: string }>> = [
      { token: attacker!.join.peer.token }, // Mallory's own valid token, presented for Alice's id
      { token: forged },
      { token: 'garbage' },
      { key: 'peerjs' }, // PeerJS's default key
      { id: 'some-other-id' }, // Alice's token for an id we never issued
    ];
    for (const override of attempts) {
      await expect(peerOf(victim!.join, override), JSON.stringify(override)).rejects.toThrow('HTTP 401');
    }
    // The rightful owner was not disturbed.
    expect(victimPeer.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses a token whose MAC is valid but whose meeting does not match the id (binding check)', async () => {
    const [a] = await meetingWith(alice);
    const [b] = await meetingWith(bob);
    // Forge with the server's real peer secret: b's meeting in the token, a's meeting tag in the id.
    const secrets = JSON.parse(readFileSync(join(server.dataDir, SECRETS_FILE), 'utf8')) as { peerSecret: string };
    const bPayload = JSON.parse(Buffer.from(b!.join.peer.token.split('.')[0]!, 'base64url').toString()) as {
      m: string;
    };
    const payload = Buffer.from(
      JSON.stringify({ u: alice.session.user.id, m: bPayload.m, iat: clock.now(), exp: clock.now() + 60_000 }),
    ).toString('base64url');
    const id = a!.join.peer.id;
    const mac = createHmac('sha256', Buffer.from(secrets.peerSecret, 'base64'))
      .update(`${id}.${payload}`)
      .digest('base64url');
    await expect(peerOf(a!.join, { id, token: `${payload}.${mac}` })).rejects.toThrow('HTTP 401');
  });

  it('refuses an expired peer token; peer:token gives a fresh one that replaces the old connection', async () => {
    const [a] = await meetingWith(alice);
    const first = await peerOf(a!.join);
    clock.advance(server.config.peerTokenTtlMs + 1000);
    await expect(peerOf(a!.join)).rejects.toThrow('HTTP 401');
    const fresh = await request<PeerCredentials>(a!.socket, 'peer:token', {});
    if (!fresh.ok) throw new Error(fresh.error.code);
    const firstClosed = new Promise((resolve) => first.ws.once('close', resolve));
    const second = await peerOf(a!.join, { token: fresh.data.token });
    await firstClosed;
    expect(second.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('drops signalling addressed to a peer of another meeting', async () => {
    const [a, b] = await meetingWith(alice, bob);
    const [m] = await meetingWith(mallory);
    const peerA = await peerOf(a!.join);
    const peerB = await peerOf(b!.join);
    const peerM = await peerOf(m!.join);
    const before = await droppedForeign();
    peerM.send({ type: 'OFFER', dst: a!.join.peer.id, payload: { sdp: 'intrusion' } });
    peerM.send({ type: 'CANDIDATE', dst: a!.join.peer.id, payload: { candidate: 'intrusion' } });
    await waitUntil(async () => (await droppedForeign()) === before + 2);
    peerB.send({ type: 'OFFER', dst: a!.join.peer.id, payload: { sdp: 'legit' } });
    await peerA.waitFor((msg) => msg.type === 'OFFER');
    expect(peerA.messages.filter((msg) => msg.src === m!.join.peer.id)).toEqual([]);
    expect(peerM.ws.readyState).toBe(WebSocket.OPEN);
  });

  it("stamps every relayed message with the sender's own id (no spoofed src)", async () => {
    const [a, b] = await meetingWith(alice, bob);
    const peerA = await peerOf(a!.join);
    const peerB = await peerOf(b!.join);
    peerB.send({ type: 'ANSWER', src: 'someone-else', dst: a!.join.peer.id, payload: {} });
    const answer = await peerA.waitFor((msg) => msg.type === 'ANSWER');
    expect(answer.src).toBe(b!.join.peer.id);
    peerB.close();
  });

  it('does not hand out peer ids or list peers over HTTP', async () => {
    const config = await server.api.config();
    if (!config.ok) throw new Error(config.error.code);
    for (const path of [
      `/peerjs/${config.data.peer.key}/id`,
      `/peerjs/${config.data.peer.key}/peers`,
      '/peerjs/peerjs/id',
    ]) {
      const response = await getRaw(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(errorCodeOf(response.json)).toBe('NOT_FOUND');
    }
  });

  it('refuses websocket upgrades on paths nobody owns, and Socket.io still upgrades beside PeerJS', async () => {
    const stray = new WebSocket(`${server.url.replace('http', 'ws')}/somewhere-else`);
    const status = await new Promise((resolve) =>
      stray.once('unexpected-response', (_req, res) => resolve(res.statusCode)),
    );
    expect(status).toBe(404);
    const socket = await connectSocket(server.url, alice.session.accessToken, ['polling', 'websocket']);
    await new Promise<void>((resolve) => {
      if (socket.io.engine.transport.name === 'websocket') return resolve();
      socket.io.engine.once('upgrade', () => resolve());
    });
    expect(socket.io.engine.transport.name).toBe('websocket');
  });

  it('answers an upgrade whose target is not a URL (GET //a:b) with 404 and keeps running', async () => {
    const { port } = new URL(server.url);
    for (const target of ['//a:b', '//[']) {
      const statusLine = await new Promise<string>((resolve, reject) => {
        const raw = connect(Number(port), '127.0.0.1', () =>
          raw.write(
            `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
              'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
          ),
        );
        let answer = '';
        raw.on('data', (chunk) => (answer += String(chunk)));
        raw.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
        raw.on('error', reject);
      });
      expect(statusLine, target).toBe('HTTP/1.1 404 Not Found');
    }
    expect((await server.api.health()).ok).toBe(true);
  });
});

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met');
}
