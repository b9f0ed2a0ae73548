import { apiError, type ApiError, type AuthSession, type Participant } from '@wava/protocol';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { Storage } from '../src/db/Storage.js';
import { openPeerSocket, type PeerSocket } from './support/peerSocket.js';
import {
  connectError,
  connectSocket,
  joinReady,
  nextEvent,
  recordEvents,
  request,
  roundTrip,
} from './support/sockets.js';
import { newMeeting } from './support/meetings.js';
import { startTestServer, type TestServer } from './support/startTestServer.js';
import { createTestClock } from './support/testClock.js';
import { PASSWORD, registerUser, type TestUser } from './support/users.js';
import { useServerWithUsers } from './support/useServerWithUsers.js';

/** A connection of `session` that has joined `code` and reported its PeerJS connection ready. */
async function inMeeting(server: TestServer, session: AuthSession, code: string) {
  const socket = await connectSocket(server.url, session.accessToken);
  return { socket, result: await joinReady(socket, code) };
}

async function signIn(server: TestServer, user: TestUser): Promise<AuthSession> {
  const login = await server.api.login({ username: user.username, password: PASSWORD });
  if (!login.ok) throw new Error(login.error.code);
  return login.data;
}

/** The close code of a PeerJS websocket, once it closes. */
function closeCode(peer: PeerSocket): Promise<number> {
  return new Promise((resolve) => peer.ws.once('close', (code) => resolve(code)));
}

describe('a sign-in that is revoked loses its live connections', () => {
  let server: TestServer;
  const clock = createTestClock();
  useServerWithUsers({ now: clock.now }, [], (started) => {
    server = started;
  });

  it('signing out disconnects that sign-in with session:revoked; the others see its tile go', async () => {
    const ada = await registerUser(server.api, 'Ada');
    const adaOnPhone = await signIn(server, ada);
    const bob = await registerUser(server.api, 'Bob');
    const code = await newMeeting(server.api, bob);
    const bobs = await inMeeting(server, bob.session, code);
    const adas = await inMeeting(server, ada.session, code);
    const adaOtherTab = await connectSocket(server.url, ada.session.accessToken);
    const phone = await inMeeting(server, adaOnPhone, code);
    const adaPeer = await openPeerSocket(server.url, adas.result.peer);

    const revoked = nextEvent<ApiError>(adas.socket, 'session:revoked');
    const revokedInOtherTab = nextEvent<ApiError>(adaOtherTab, 'session:revoked');
    const disconnected = nextEvent<string>(adas.socket, 'disconnect');
    const tileGone = nextEvent(bobs.socket, 'participant:left');
    const peerClosed = closeCode(adaPeer);
    const bobSaw = recordEvents(bobs.socket, ['participant:left']);
    expect((await server.api.logout(ada.session.refreshToken)).ok).toBe(true);

    expect(await revoked).toEqual(apiError('TOKEN_INVALID'));
    expect(await revokedInOtherTab).toEqual(apiError('TOKEN_INVALID'));
    expect(await disconnected).toBe('io server disconnect');
    expect(await tileGone).toEqual({ peerId: adas.result.self.peerId, reason: 'left' });
    expect(await peerClosed).toBe(1008);
    // Its peer token died with the seat.
    await expect(openPeerSocket(server.url, adas.result.peer)).rejects.toThrow('HTTP 401');

    // The same person's other sign-in (the phone) is untouched: still connected, still in the meeting.
    const phoneUpdate = nextEvent<Participant>(bobs.socket, 'participant:updated');
    expect(await request(phone.socket, 'media:update', { audio: false })).toMatchObject({ ok: true });
    expect((await phoneUpdate).peerId).toBe(phone.result.self.peerId);
    await roundTrip(bobs.socket);
    expect(bobSaw).toHaveLength(1);

    // The signed-out access token has not expired, yet it opens nothing any more.
    expect((await connectError(server.url, { token: ada.session.accessToken })).message).toBe('TOKEN_INVALID');
    const me = await server.api.me(ada.session.accessToken);
    expect(!me.ok && me.error.code).toBe('TOKEN_INVALID');
    expect((await server.api.me(adaOnPhone.accessToken)).ok).toBe(true);
  });

  it('a replayed refresh token ends every connection of that sign-in with REFRESH_REUSED', async () => {
    const carol = await registerUser(server.api, 'Carol');
    const elsewhere = await signIn(server, carol);
    const dave = await registerUser(server.api, 'Dave');
    const code = await newMeeting(server.api, dave);
    const daves = await inMeeting(server, dave.session, code);
    const beforeRefresh = await connectSocket(server.url, carol.session.accessToken);
    const rotated = await server.api.refresh(carol.session.refreshToken);
    if (!rotated.ok) throw new Error(rotated.error.code);
    const carols = await inMeeting(server, rotated.data, code);
    const otherSignIn = await connectSocket(server.url, elsewhere.accessToken);

    const revokedOld = nextEvent<ApiError>(beforeRefresh, 'session:revoked');
    const revokedNew = nextEvent<ApiError>(carols.socket, 'session:revoked');
    const tileGone = nextEvent(daves.socket, 'participant:left');
    // Someone replays the refresh token that was already spent, after the grace period for repeats.
    clock.advance(server.config.refreshGraceMs + 1000);
    const replay = await server.api.refresh(carol.session.refreshToken);
    expect(!replay.ok && replay.error.code).toBe('REFRESH_REUSED');

    expect(await revokedOld).toEqual(apiError('REFRESH_REUSED'));
    expect(await revokedNew).toEqual(apiError('REFRESH_REUSED'));
    expect(await tileGone).toEqual({ peerId: carols.result.self.peerId, reason: 'left' });
    await roundTrip(otherSignIn);
    expect(otherSignIn.connected).toBe(true);
    expect(beforeRefresh.connected).toBe(false);
    expect(carols.socket.connected).toBe(false);
    const refused = await connectError(server.url, { token: rotated.data.accessToken });
    expect(refused).toEqual({ message: 'TOKEN_INVALID', data: apiError('TOKEN_INVALID') });
  });

  it('signing out with a token nobody issued ends nobody', async () => {
    const erin = await registerUser(server.api, 'Erin');
    const socket = await connectSocket(server.url, erin.session.accessToken);
    const seen = recordEvents(socket, ['session:revoked']);
    expect((await server.api.logout('not-a-token-we-issued')).ok).toBe(true);
    await roundTrip(socket);
    expect(seen).toEqual([]);
    expect(socket.connected).toBe(true);
  });
});

describe('a sign-out that races a handshake', () => {
  it('still ends the connection the handshake let in', async () => {
    // The handshake's session check answers "signed in", then waits while the sign-out happens.
    let armed = false;
    let reached!: () => void;
    const atCheck = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const server = await startTestServer({
      wrapStorage: (storage: Storage): Storage => ({
        ...storage,
        refreshTokens: {
          ...storage.refreshTokens,
          async isFamilyActive(familyId) {
            const answer = await storage.refreshTokens.isFamilyActive(familyId);
            if (armed) {
              armed = false;
              reached();
              await held;
            }
            return answer;
          },
        },
      }),
    });
    const socket = io(server.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      autoConnect: false,
    });
    try {
      const hal = await registerUser(server.api, 'Hal');
      socket.auth = { token: hal.session.accessToken };
      const connected = nextEvent(socket, 'connect');
      const revoked = nextEvent<ApiError>(socket, 'session:revoked');
      const disconnected = nextEvent<string>(socket, 'disconnect');
      armed = true;
      socket.connect();
      await atCheck;
      expect((await server.api.logout(hal.session.refreshToken)).ok).toBe(true);
      release();
      await connected;
      expect(await revoked).toEqual(apiError('TOKEN_INVALID'));
      expect(await disconnected).toBe('io server disconnect');
    } finally {
      socket.close();
      await server.dispose();
    }
  });
});
