import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/loadConfig.js';
import { createServer, DATABASE_FILE } from '../../src/createServer.js';
import { newMeeting } from '../support/meetings.js';
import { createPostgresDatabase, type PostgresDatabase } from '../support/postgresDatabase.js';
import { closeAllSockets, connectSocket, joined } from '../support/sockets.js';
import { startTestServer, type TestServer } from '../support/startTestServer.js';
import { registerUser } from '../support/users.js';

let database: PostgresDatabase;
beforeAll(async () => {
  database = await createPostgresDatabase();
});
afterAll(() => database.drop());

const running: TestServer[] = [];
afterEach(async () => {
  closeAllSockets();
  for (const server of running.splice(0)) await server.dispose();
});

async function serverOnPostgres(options: { dataDir?: string; env?: Record<string, string> } = {}) {
  const server = await startTestServer({
    dataDir: options.dataDir,
    env: { WAVA_DATABASE_URL: database.url, ...options.env },
  });
  running.push(server);
  return server;
}

describe('the server on PostgreSQL (WAVA_DATABASE_URL)', () => {
  it('keeps accounts, sign-ins and meetings across a restart, and writes no SQLite file', async () => {
    const first = await serverOnPostgres();
    const user = await registerUser(first.api, 'Persistent');
    const login = await first.api.login({ username: user.username, password: user.password });
    if (!login.ok) throw new Error(login.error.code);
    const code = await newMeeting(first.api, user, 'Quarterly review');
    await first.stop();

    const second = await serverOnPostgres({ dataDir: first.dataDir });
    const again = await second.api.login({ username: user.username, password: user.password });
    expect(again.ok && again.data.user.id).toBe(user.session.user.id);
    expect((await second.api.refresh(login.data.refreshToken)).ok).toBe(true);
    const meeting = await second.api.getMeeting(user.session.accessToken, code);
    expect(meeting.ok && meeting.data).toMatchObject({ code, title: 'Quarterly review' });
    const socket = await connectSocket(second.url, user.session.accessToken);
    expect((await joined(socket, code)).meeting.code).toBe(code);
    expect(existsSync(join(first.dataDir, DATABASE_FILE))).toBe(false);
  });

  it('refuses to start, with a sentence saying why, when the database cannot be reached', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wava-server-test-'));
    const unreachable = new URL(database.url);
    unreachable.port = '1'; // nothing listens on port 1
    const config = loadConfig({
      WAVA_HOST: '127.0.0.1',
      WAVA_PORT: '0',
      WAVA_LOG_LEVEL: 'silent',
      WAVA_DATA_DIR: dataDir,
      WAVA_DATABASE_URL: unreachable.toString(),
    });
    const server = await createServer(config);
    try {
      await expect(server.start()).rejects.toThrow(/The PostgreSQL database could not be opened: .*ECONNREFUSED/);
      expect(server.httpServer.listening).toBe(false);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('two servers sharing one PostgreSQL database', () => {
  const shared = {
    WAVA_JWT_SECRET: 'one-deployment-wide-jwt-secret-of-32-chars-or-more',
    WAVA_PEER_SECRET: 'one-deployment-wide-peer-secret-of-32-chars-or-more',
  };

  it('a user registered on one signs in on the other, and a meeting made on one opens on the other', async () => {
    const [one, two] = [await serverOnPostgres({ env: shared }), await serverOnPostgres({ env: shared })];
    const user = await registerUser(one.api, 'Roaming');
    const login = await two.api.login({ username: user.username, password: user.password });
    expect(login.ok && login.data.user).toEqual(user.session.user);
    expect((await two.api.me(user.session.accessToken)).ok).toBe(true);
    expect((await two.api.register({ username: user.username, displayName: 'Twin', password: user.password })).ok).toBe(
      false,
    );

    const code = await newMeeting(one.api, user);
    const socket = await connectSocket(two.url, user.session.accessToken);
    expect((await joined(socket, code)).meeting.code).toBe(code);
  });

  it('a refresh repeated on the other server within the grace period gets the same successor', async () => {
    const [one, two] = [await serverOnPostgres({ env: shared }), await serverOnPostgres({ env: shared })];
    const user = await registerUser(one.api, 'Retried');
    const [first, repeat] = await Promise.all([
      two.api.refresh(user.session.refreshToken),
      one.api.refresh(user.session.refreshToken),
    ]);
    if (!first.ok || !repeat.ok) throw new Error('a repeated refresh was refused');
    expect(repeat.data.refreshToken).toBe(first.data.refreshToken);
    expect((await one.api.refresh(first.data.refreshToken)).ok).toBe(true);
  });

  it('a refresh token replayed on the other server is detected and ends that sign-in everywhere', async () => {
    const noGrace = { ...shared, WAVA_REFRESH_GRACE: '0' };
    const [one, two] = [await serverOnPostgres({ env: noGrace }), await serverOnPostgres({ env: noGrace })];
    const user = await registerUser(one.api, 'Stolen');
    const rotated = await two.api.refresh(user.session.refreshToken);
    if (!rotated.ok) throw new Error(rotated.error.code);

    const replay = await one.api.refresh(user.session.refreshToken);
    expect(!replay.ok && replay.error.code).toBe('REFRESH_REUSED');
    const afterReplay = await two.api.refresh(rotated.data.refreshToken);
    expect(!afterReplay.ok && afterReplay.error.code).toBe('TOKEN_INVALID');
  });
});
