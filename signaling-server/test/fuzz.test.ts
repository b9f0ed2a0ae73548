import { join } from 'node:path';
import { API_ROUTES, CLIENT_EVENT_NAMES, type JoinResult } from '@wava/protocol';
import fc from 'fast-check';
import Database from 'libsql';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/createServer.js';
import {
  FUZZ_SEED,
  hostileAuthorization,
  hostileContentTypes,
  hostileHttpBodies,
  hostilePeerFrames,
  hostileSocketPayloads,
  isKnownErrorCode,
  isWellFormedAck,
} from './support/hostileInput.js';
import { newMeeting } from './support/meetings.js';
import { closeAllPeerSockets, openPeerSocket, type PeerSocket } from './support/peerSocket.js';
import {
  closeAllSockets,
  connectSocket,
  joined,
  nextEvent,
  recordEvents,
  request,
  roundTrip,
  type ClientSocket,
  type RawSocket,
} from './support/sockets.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { registerUser, type TestUser } from './support/users.js';

describe('fuzzing every socket event, HTTP endpoint and the PeerJS socket while a meeting runs beside it', () => {
  let server: TestServer;
  let host: TestUser;
  let guest: TestUser;
  let fuzzer: TestUser;
  let hostSocket: ClientSocket;
  let guestSocket: ClientSocket;
  let hostJoin: JoinResult;
  let guestJoin: JoinResult;
  let hostPeer: PeerSocket;
  let guestPeer: PeerSocket;
  let meetingCode: string;
  let fuzzerCode: string;
  let observed: Array<{ event: string; payload: unknown }>;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    // Cheap password hashing: the fuzzer registers and signs in a lot; hashing cost is not what is tested here.
    server = await startTestServer({ passwordHashLogN: 8 });
    [host, guest, fuzzer] = await Promise.all([
      registerUser(server.api, 'Host'),
      registerUser(server.api, 'Guest'),
      registerUser(server.api, 'Fuzzer'),
    ]);
    meetingCode = await newMeeting(server.api, host, 'The meeting beside');
    fuzzerCode = await newMeeting(server.api, fuzzer);
    hostSocket = await connectSocket(server.url, host.session.accessToken);
    guestSocket = await connectSocket(server.url, guest.session.accessToken);
    hostJoin = await joined(hostSocket, meetingCode);
    guestJoin = await joined(guestSocket, meetingCode);
    hostPeer = await openPeerSocket(server.url, hostJoin.peer);
    guestPeer = await openPeerSocket(server.url, guestJoin.peer);
    await request(hostSocket, 'peer:ready', {});
    await request(guestSocket, 'peer:ready', {});
    observed = [
      ...recordEvents(hostSocket, ['participant:joined', 'participant:left', 'participant:updated', 'meeting:ended']),
      ...recordEvents(guestSocket, ['participant:joined', 'participant:left', 'participant:updated', 'meeting:ended']),
    ];
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    closeAllPeerSockets();
    closeAllSockets();
    await server.dispose();
  });

  it('answers thousands of hostile socket payloads with well-formed acks', async () => {
    let socket: RawSocket = (await connectSocket(server.url, fuzzer.session.accessToken)) as unknown as RawSocket;
    const events = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...CLIENT_EVENT_NAMES) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('admin', 'participant:joined', '__proto__', 'constructor', 'disconnect'),
      },
    );
    // Mostly with an ack; now and then without one, which the server must ignore.
    const withAckArb = fc.integer({ min: 0, max: 9 }).map((n) => n > 0);
    let acks = 0;
    await fc.assert(
      fc.asyncProperty(
        events,
        hostileSocketPayloads([fuzzerCode, fuzzerCode.toUpperCase(), 'abc-defg-hjk'], [hostJoin.peer.id]),
        withAckArb,
        async (event, payload, withAck) => {
          if (!socket.connected)
            socket = (await connectSocket(server.url, fuzzer.session.accessToken)) as unknown as RawSocket;
          const known = (CLIENT_EVENT_NAMES as readonly string[]).includes(event);
          if (!known || !withAck) {
            try {
              socket.emit(event, payload);
            } catch {
              // socket.io-client refuses reserved event names itself.
            }
            return;
          }
          const ack = await request(socket, event, payload);
          acks += 1;
          expect(isWellFormedAck(ack), JSON.stringify(ack)).toBe(true);
          // Whatever it is sent, it never gets into the meeting beside it.
          if (ack.ok && event === 'meeting:join') expect((ack.data as JoinResult).meeting.code).toBe(fuzzerCode);
        },
      ),
      { numRuns: 3000, seed: FUZZ_SEED },
    );
    expect(acks).toBeGreaterThan(2000);
  }, 60_000);

  it('answers thousands of hostile HTTP requests with the protocol error shape, never a 5xx', async () => {
    const routes = fc.constantFrom(
      ['POST', API_ROUTES.register],
      ['POST', API_ROUTES.login],
      ['POST', API_ROUTES.refresh],
      ['POST', API_ROUTES.logout],
      ['POST', API_ROUTES.meetings],
      ['GET', API_ROUTES.me],
      ['GET', API_ROUTES.ice],
      ['GET', API_ROUTES.config],
      ['GET', '/api/meetings/CODE'],
      ['POST', '/api/meetings/CODE/end'],
    );
    const codes = fc.oneof(fc.constantFrom(fuzzerCode, meetingCode, 'abc-defg-hjk'), fc.string({ maxLength: 30 }));
    await fc.assert(
      fc.asyncProperty(
        routes,
        hostileHttpBodies,
        hostileAuthorization(fuzzer.session.accessToken),
        codes,
        hostileContentTypes,
        async ([method, path], body, authorization, code, contentType) => {
          const headers: Record<string, string> = { 'content-type': contentType };
          if (authorization !== null) headers.authorization = authorization;
          const target = path!.replace('CODE', encodeURIComponent(code));
          const response = await fetch(`${server.url}${target}`, {
            method,
            headers,
            body: method === 'POST' ? body : undefined,
          });
          const text = await response.text();
          expect(response.status, `${method} ${target} ${body}`).toBeLessThan(500);
          if (response.status >= 400) {
            const json = JSON.parse(text) as { error: { code: string; message: string } };
            expect(isKnownErrorCode(json.error.code)).toBe(true);
            expect(text).not.toMatch(/\bat .+:\d+:\d+/);
          }
          // Nobody but the host may end the meeting beside.
          if (target.endsWith('/end') && code === meetingCode) expect(response.status).not.toBe(200);
        },
      ),
      { numRuns: 1000, seed: FUZZ_SEED },
    );
  }, 60_000);

  it('drops hostile PeerJS frames and refuses hostile upgrade URLs', async () => {
    const own = await connectSocket(server.url, fuzzer.session.accessToken);
    const ownJoin = await joined(own, await newMeeting(server.api, fuzzer));
    let peer = await openPeerSocket(server.url, ownJoin.peer);
    const frames = hostilePeerFrames([hostJoin.peer.id, guestJoin.peer.id]);
    let reopened = 0;
    await fc.assert(
      fc.asyncProperty(frames, async (frame) => {
        // Over the message rate the server closes the socket; the fuzzer reconnects as a client would.
        if (peer.ws.readyState !== WebSocket.OPEN) {
          const fresh = await request<{ token: string }>(own, 'peer:token', {});
          if (!fresh.ok) throw new Error(fresh.error.code);
          peer = await openPeerSocket(server.url, { ...ownJoin.peer, token: fresh.data.token });
          reopened += 1;
        }
        peer.ws.send(frame);
      }),
      { numRuns: 800, seed: FUZZ_SEED },
    );
    expect(reopened).toBeLessThan(10);
    // Upgrade URLs built from parameter lists: duplicated, missing, unknown, oversized, reordered, mixing the
    // fuzzer's own valid credentials with the host's peer id. Only the fuzzer's own exact triple may open.
    const mine = { key: ownJoin.peer.key, id: ownJoin.peer.id, token: ownJoin.peer.token };
    const param = fc.tuple(
      fc.constantFrom('key', 'id', 'token', 'version', 'ID', 'id[]', 'x'),
      fc.oneof(
        fc.constantFrom(mine.key, mine.id, mine.token, hostJoin.peer.id, '1.5.5', ''),
        fc.string({ maxLength: 40 }),
        fc.string({ minLength: 600, maxLength: 3000 }),
      ),
    );
    const queries = fc.oneof(
      fc.array(param, { maxLength: 8 }),
      // The attack that worked: a valid triple, then the victim's id (and any token) again.
      fc
        .tuple(
          fc.shuffledSubarray([...Object.entries(mine)], { minLength: 3, maxLength: 3 }),
          fc.array(param, { minLength: 1, maxLength: 3 }),
        )
        .map(([valid, extra]) => [...valid, ...extra] as Array<[string, string]>),
    );
    let opened = 0;
    await fc.assert(
      fc.asyncProperty(queries, async (pairs) => {
        const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        const counts = new Map<string, string[]>();
        for (const [k, v] of pairs) counts.set(k, [...(counts.get(k) ?? []), v]);
        const exact =
          counts.size >= 3 &&
          [...counts.keys()].every((k) => ['key', 'id', 'token', 'version'].includes(k)) &&
          [...counts.values()].every((values) => values.length === 1) &&
          (['key', 'id', 'token'] as const).every((k) => counts.get(k)?.[0] === mine[k]) &&
          (counts.get('version')?.[0]?.length ?? 0) <= 32;
        const outcome = await upgradeStatus(server.url, query);
        if (exact) {
          expect(outcome, query).toBe('open');
          opened += 1;
        } else {
          expect(outcome, query.slice(0, 200)).toMatch(/^HTTP 40[01]$/);
        }
      }),
      { numRuns: 300, seed: FUZZ_SEED },
    );
    expect(opened).toBeGreaterThan(0);
    expect(opened).toBeLessThan(300);
    // The host was never displaced from their id.
    expect(hostPeer.ws.readyState).toBe(WebSocket.OPEN);
  }, 60_000);

  it('left the meeting beside untouched, the database intact and everyone able to sign in', async () => {
    await roundTrip(hostSocket);
    await roundTrip(guestSocket);
    expect(observed).toEqual([]);
    // The fuzzer never reached the host's PeerJS socket.
    expect(hostPeer.messages.filter((m) => m.type !== 'OPEN')).toEqual([]);
    expect(guestPeer.messages.filter((m) => m.type !== 'OPEN')).toEqual([]);
    // Signalling in the meeting still works both ways.
    const updated = nextEvent<{ peerId: string }>(hostSocket, 'participant:updated');
    expect((await request(guestSocket, 'media:update', { video: false })).ok).toBe(true);
    expect((await updated).peerId).toBe(guestJoin.self.peerId);
    guestPeer.send({ type: 'OFFER', dst: hostJoin.peer.id, payload: { sdp: 'still works' } });
    expect(await hostPeer.waitFor((m) => m.type === 'OFFER')).toMatchObject({ src: guestJoin.peer.id });

    for (const user of [host, guest, fuzzer]) {
      expect((await server.api.login({ username: user.username, password: user.password })).ok).toBe(true);
    }
    expect((await server.api.getMeeting(host.session.accessToken, meetingCode)).ok).toBe(true);
    const db = new Database(join(server.dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare('PRAGMA integrity_check').get()).toMatchObject({ integrity_check: 'ok' });
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    } finally {
      db.close();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(unhandled).toEqual([]);
    expect((await server.api.health()).ok).toBe(true);
  });
});

/** Opens a PeerJS websocket with a raw query: 'open' once the server said OPEN, or `HTTP <status>`. */
function upgradeStatus(url: string, query: string): Promise<string> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/peerjs/peerjs?${query}`);
  return new Promise((resolve) => {
    ws.once('unexpected-response', (_req, res) => {
      resolve(`HTTP ${res.statusCode}`);
      ws.terminate();
    });
    ws.once('message', (data) => {
      resolve((JSON.parse(String(data)) as { type: string }).type === 'OPEN' ? 'open' : String(data));
      ws.terminate();
    });
    ws.once('error', (error) => resolve(`error ${error.message}`));
  });
}
