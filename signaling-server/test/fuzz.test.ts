import { join } from 'node:path';
import { API_ROUTES, CLIENT_EVENT_NAMES, ERROR_CODES, type JoinResult } from '@wava/protocol';
import fc from 'fast-check';
import Database from 'libsql';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/createServer.js';
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

const SEED = Number(process.env.WAVA_FUZZ_SEED ?? 20_251_121);
const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** Payloads a hostile client might send, mixed with random JSON. */
function hostilePayloads(codes: string[], peerIds: string[]) {
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(...codes),
    fc.string({ minLength: 1000, maxLength: 4000 }),
  );
  const credentials = fc.record({ id: fc.oneof(text, fc.constantFrom(...peerIds)), token: text }, { requiredKeys: [] });
  return fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.jsonValue({ maxDepth: 3 }),
    fc.record(
      {
        code: fc.oneof(text, fc.anything()),
        media: fc.oneof(fc.record({ audio: fc.boolean(), video: fc.boolean() }), fc.anything()),
        resume: fc.oneof(credentials, fc.anything()),
        audio: fc.anything(),
        screen: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    fc.constantFrom<unknown>(
      {},
      null,
      [],
      '',
      0,
      JSON.parse('{"__proto__": {"polluted": true}}'),
      { constructor: { prototype: { polluted: true } } },
      { code: { $gt: '' } },
      { code: "abc-defg-hjk'; DROP TABLE users; --", media: { audio: true, video: true } },
      JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`),
    ),
  );
}

function isAck(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const ack = value as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (ack.ok === true) return 'data' in ack;
  return ack.ok === false && KNOWN_CODES.has(String(ack.error?.code)) && typeof ack.error?.message === 'string';
}

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
    const meeting = await server.api.createMeeting(host.session.accessToken, { title: 'The meeting beside' });
    const own = await server.api.createMeeting(fuzzer.session.accessToken, {});
    if (!meeting.ok || !own.ok) throw new Error('setup failed');
    meetingCode = meeting.data.code;
    fuzzerCode = own.data.code;
    hostSocket = await connectSocket(server.url, host.session.accessToken);
    guestSocket = await connectSocket(server.url, guest.session.accessToken);
    hostJoin = await joined(hostSocket, meetingCode);
    guestJoin = await joined(guestSocket, meetingCode);
    hostPeer = await openPeerSocket(server.url, {
      key: hostJoin.peer.key,
      id: hostJoin.peer.id,
      token: hostJoin.peer.token,
    });
    guestPeer = await openPeerSocket(server.url, {
      key: guestJoin.peer.key,
      id: guestJoin.peer.id,
      token: guestJoin.peer.token,
    });
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
        hostilePayloads([fuzzerCode, fuzzerCode.toUpperCase(), 'abc-defg-hjk'], [hostJoin.peer.id]),
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
          expect(isAck(ack), JSON.stringify(ack)).toBe(true);
          // Whatever it is sent, it never gets into the meeting beside it.
          if (ack.ok && event === 'meeting:join') expect((ack.data as JoinResult).meeting.code).toBe(fuzzerCode);
        },
      ),
      { numRuns: 3000, seed: SEED },
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
    const bodies = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'),
      fc.string({ maxLength: 200 }),
      fc
        .record(
          {
            username: fc.string({ maxLength: 40 }),
            displayName: fc.string({ maxLength: 70 }),
            password: fc.string({ maxLength: 140 }),
            refreshToken: fc.string({ maxLength: 600 }),
            title: fc.string({ maxLength: 120 }),
          },
          { requiredKeys: [] },
        )
        .map((value) => JSON.stringify(value)),
    );
    const auth = fc.oneof(
      fc.constant<string | null>(null),
      fc.constant(`Bearer ${fuzzer.session.accessToken}`),
      fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`),
      fc.string({ maxLength: 60 }),
    );
    const codes = fc.oneof(fc.constantFrom(fuzzerCode, meetingCode, 'abc-defg-hjk'), fc.string({ maxLength: 30 }));
    const contentTypes = fc.constantFrom(
      'application/json',
      'text/plain',
      'application/json; charset=utf-16',
      'multipart/form-data',
    );
    await fc.assert(
      fc.asyncProperty(
        routes,
        bodies,
        auth,
        codes,
        contentTypes,
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
            expect(KNOWN_CODES.has(json.error.code)).toBe(true);
            expect(text).not.toMatch(/\bat .+:\d+:\d+/);
          }
          // Nobody but the host may end the meeting beside.
          if (target.endsWith('/end') && code === meetingCode) expect(response.status).not.toBe(200);
        },
      ),
      { numRuns: 1000, seed: SEED },
    );
  }, 60_000);

  it('drops hostile PeerJS frames and refuses hostile upgrade URLs', async () => {
    const ownMeeting = await server.api.createMeeting(fuzzer.session.accessToken, {});
    if (!ownMeeting.ok) throw new Error(ownMeeting.error.code);
    const own = await connectSocket(server.url, fuzzer.session.accessToken);
    const ownJoin = await request<JoinResult>(own, 'meeting:join', {
      code: ownMeeting.data.code,
      media: { audio: false, video: false },
    });
    if (!ownJoin.ok) throw new Error(ownJoin.error.code);
    const peer = await openPeerSocket(server.url, {
      key: ownJoin.data.peer.key,
      id: ownJoin.data.peer.id,
      token: ownJoin.data.peer.token,
    });
    const frames = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
      fc.string({ maxLength: 300 }),
      fc
        .record({
          type: fc.constantFrom(
            'OFFER',
            'ANSWER',
            'CANDIDATE',
            'LEAVE',
            'EXPIRE',
            'OPEN',
            'ID-TAKEN',
            'HEARTBEAT',
            'ERROR',
          ),
          dst: fc.oneof(fc.constantFrom(hostJoin.peer.id, guestJoin.peer.id), fc.string({ maxLength: 40 })),
          src: fc.constantFrom(hostJoin.peer.id, guestJoin.peer.id),
          payload: fc.jsonValue({ maxDepth: 2 }),
        })
        .map((m) => JSON.stringify(m)),
    );
    await fc.assert(
      fc.asyncProperty(frames, async (frame) => {
        if (peer.ws.readyState === WebSocket.OPEN) peer.ws.send(frame);
      }),
      { numRuns: 800, seed: SEED },
    );
    const queries = fc.record({
      key: fc.string({ maxLength: 20 }),
      id: fc.oneof(fc.constant(hostJoin.peer.id), fc.string({ maxLength: 40 })),
      token: fc.string({ maxLength: 80 }),
    });
    await fc.assert(
      fc.asyncProperty(queries, async (query) => {
        await expect(openPeerSocket(server.url, query)).rejects.toThrow(/HTTP 401/);
      }),
      { numRuns: 100, seed: SEED },
    );
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
