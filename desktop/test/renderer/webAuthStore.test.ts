import { API_ROUTES, createApiClient, REFRESH_TIMEOUT_MS, userMessage } from '@wava/protocol';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadValidation } from '../../src/renderer/api/loadValidation.js';
import { SESSION_FORMAT, sessionText } from '../../src/renderer/platform/sessionFormat.js';
import { createWebAuthStore } from '../../src/renderer/platform/webAuthStore.js';
import { credentials, fakeAuthServer } from './support/fakeAuthServer.js';
import { memoryArea, storedRefreshToken, type Shared } from './support/memoryArea.js';

/** A store over `area` talking to `server`; what it logs is kept in `warnings`. */
function setup(server = fakeAuthServer(), area = memoryArea()) {
  const api = createApiClient('https://meet.example.com', server.fetch);
  const warnings: string[] = [];
  const store = createWebAuthStore({ api, area, logger: { warn: (message) => warnings.push(message) } });
  return { server, storage: area, store, warnings };
}

// The store's schemas load on first use; the app fetches them once the page is idle (main.tsx). Loaded here before
// the fake clock starts, as the module loader's own I/O does not run on it.
beforeAll(() => loadValidation());

describe('createWebAuthStore', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs in: the user, the access token, and the session kept for a reload and for other tabs', async () => {
    const { store, storage, server } = setup();
    const result = await store.login(credentials);
    expect(result).toEqual({ ok: true, data: { user: { id: 'u1', username: 'ada', displayName: 'Ada' } } });
    expect(await store.accessToken()).toEqual({ ok: true, data: 'access-1' });
    expect(storedRefreshToken(storage)).toBe('refresh-1');
    expect(server.refreshes()).toBe(0);
    store.dispose();
  });

  it("passes the server's sentence on a failed sign-in and stores nothing", async () => {
    const { store, storage } = setup();
    const result = await store.login({ username: 'ada', password: 'wrong' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS', message: userMessage('INVALID_CREDENTIALS') },
    });
    expect(storage.shared.value).toBeNull();
    expect((await store.accessToken()).ok).toBe(false);
  });

  it('refreshes by itself a minute before the access token expires', async () => {
    const { store, server } = setup();
    await store.login(credentials);
    await vi.advanceTimersByTimeAsync(13 * 60_000);
    expect(server.refreshes()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000 + 1);
    expect(server.refreshes()).toBe(1);
    expect(await store.accessToken()).toEqual({ ok: true, data: 'access-2' });
    store.dispose();
  });

  it('refreshes a token that lives less than two minutes halfway through its life, not in a loop', async () => {
    const { store, server } = setup(fakeAuthServer(10_000));
    await store.login(credentials);
    await vi.advanceTimersByTimeAsync(4_900);
    expect(server.refreshes()).toBe(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(server.refreshes()).toBe(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.refreshes()).toBe(2);
    store.dispose();
  });

  it('refreshes on demand when asked for a token inside the last minute', async () => {
    const { store, server } = setup();
    await store.login(credentials);
    store.dispose(); // no timer: only the on-demand path
    vi.setSystemTime(Date.now() + 14 * 60_000 + 30_000);
    expect(await store.accessToken()).toEqual({ ok: true, data: 'access-2' });
    expect(server.refreshes()).toBe(1);
  });

  it('force-refreshes after the server said TOKEN_EXPIRED, once, however many callers ask at the same time', async () => {
    const { store, server, storage } = setup();
    await store.login(credentials);
    const tokens = await Promise.all([store.accessToken(true), store.accessToken(true), store.accessToken(true)]);
    expect(tokens.map((t) => (t.ok ? t.data : t.error.code))).toEqual(['access-2', 'access-2', 'access-2']);
    // One refresh: a second one would present a used refresh token and get the whole family revoked.
    expect(server.refreshes()).toBe(1);
    expect(storedRefreshToken(storage)).toBe('refresh-2');
    store.dispose();
  });

  it('restores a session after a reload: the stored access token while fresh, a refresh once it is not', async () => {
    const server = fakeAuthServer();
    const storage = memoryArea();
    const first = setup(server, storage);
    await first.store.login(credentials);
    first.store.dispose();

    const reloaded = setup(server, storage);
    expect(await reloaded.store.restore()).toEqual({ user: { id: 'u1', username: 'ada', displayName: 'Ada' } });
    expect(await reloaded.store.accessToken()).toEqual({ ok: true, data: 'access-1' });
    expect(server.refreshes()).toBe(0);
    reloaded.store.dispose();

    vi.setSystemTime(Date.now() + 20 * 60_000);
    const later = setup(server, storage);
    expect(await later.store.restore()).toEqual({ user: { id: 'u1', username: 'ada', displayName: 'Ada' } });
    expect(await later.store.accessToken()).toEqual({ ok: true, data: 'access-2' });
    later.store.dispose();
  });

  it('restore without a stored token is no session, and asks nobody', async () => {
    const { store, server } = setup();
    expect(await store.restore()).toBeNull();
    expect(server.calls).toEqual([]);
  });

  it('a refresh the server refuses signs out: the stored token is forgotten', async () => {
    const server = fakeAuthServer();
    const storage = memoryArea();
    await storage.write(
      JSON.stringify({
        user: { id: 'u1', username: 'ada', displayName: 'Ada' },
        accessToken: 'old',
        accessTokenExpiresAt: Date.now() - 1,
        refreshToken: 'stolen-or-expired',
        refreshTokenExpiresAt: Date.now() + 60_000,
        receivedAt: Date.now() - 60_000,
      }),
    );
    const { store } = setup(server, storage);
    expect(await store.restore()).toBeNull();
    expect(storage.shared.value).toBeNull();
    const token = await store.accessToken();
    expect(token.ok ? 'ok' : token.error.code).toBe('UNAUTHENTICATED');
  });

  it('a server that cannot be reached keeps the session, to try again later', async () => {
    const { store, server, storage } = setup();
    await store.login(credentials);
    server.setDown(true);
    const asking = store.accessToken(true);
    await vi.advanceTimersByTimeAsync(10_000); // the client's few quick retries
    const token = await asking;
    expect(token.ok ? 'ok' : token.error.code).toBe('SERVER_UNREACHABLE');
    expect(server.refreshes()).toBeGreaterThan(1);
    expect(storedRefreshToken(storage)).toBe('refresh-1');
    server.setDown(false);
    expect(await store.accessToken(true)).toEqual({ ok: true, data: 'access-2' });
    store.dispose();
  });

  it('a timed refresh that fails (the server unreachable) is tried again later, with backoff, so the token is fresh when a reconnect needs it', async () => {
    const { store, server, storage } = setup();
    await store.login(credentials);
    server.setDown(true);
    // The timer fires a minute before the access token expires, and its refresh (and quick retries) fail.
    await vi.advanceTimersByTimeAsync(14 * 60_000 + 10_000);
    const firstTry = server.refreshes();
    expect(firstTry).toBeGreaterThan(0);
    // Still down for ten minutes: tried again now and then, ever less often, never more than once a minute at length.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const tries = server.refreshes() - firstTry;
    expect(tries).toBeGreaterThan(4);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(server.refreshes() - firstTry - tries).toBeLessThanOrEqual(tries);
    // The server is back: within a minute the timer has a fresh token, before anything asks for one.
    server.setDown(false);
    await vi.advanceTimersByTimeAsync(70_000);
    expect(storedRefreshToken(storage)).toBe('refresh-2');
    const refreshes = server.refreshes();
    expect(await store.accessToken()).toEqual({ ok: true, data: 'access-2' }); // e.g. a socket reconnecting
    expect(server.refreshes()).toBe(refreshes);
    store.dispose();
  });

  it('a store disposed while its timed refresh fails does not try again', async () => {
    const { store, server } = setup();
    await store.login(credentials);
    server.setDown(true);
    await vi.advanceTimersByTimeAsync(14 * 60_000 + 1); // the timed refresh is on its way, and will fail
    store.dispose();
    await vi.advanceTimersByTimeAsync(10_000);
    const refreshes = server.refreshes();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(server.refreshes()).toBe(refreshes);
  });

  it('a refresh whose answer is lost (the server rotated the token) is asked again at once, and stays signed in', async () => {
    const { store, server, storage } = setup(fakeAuthServer(undefined, { graceMs: 10_000 }));
    await store.login(credentials);
    server.loseAnswers(API_ROUTES.refresh, 1);
    const asking = store.accessToken(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await asking).toEqual({ ok: true, data: 'access-2' });
    expect(storedRefreshToken(storage)).toBe('refresh-2');
    // Long after the grace, the next refresh presents the new token: the old one would sign out everywhere.
    vi.setSystemTime(Date.now() + 20 * 60_000);
    expect(await store.accessToken()).toEqual({ ok: true, data: 'access-3' });
    expect(server.reuses()).toBe(0);
    store.dispose();
  });

  it('a refresh that times out counts as an answer lost, not a refused token: sent again, and signed in', async () => {
    const { store, server, storage } = setup(fakeAuthServer(undefined, { graceMs: 10_000 }));
    await store.login(credentials);
    const release = server.hold(API_ROUTES.refresh); // carried out, but the answer hangs
    const asking = store.accessToken(true);
    await vi.advanceTimersByTimeAsync(REFRESH_TIMEOUT_MS);
    release(); // the connection is back for the next try
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await asking).toEqual({ ok: true, data: 'access-2' });
    expect(server.refreshes()).toBe(2);
    expect(storedRefreshToken(storage)).toBe('refresh-2');
    expect(server.reuses()).toBe(0);
    store.dispose();
  });

  it('signs out: tells the server, forgets everything', async () => {
    const { store, server, storage } = setup();
    await store.login(credentials);
    await store.logout();
    expect(server.calls.at(-1)).toBe(API_ROUTES.logout);
    expect(storage.shared.value).toBeNull();
    expect((await store.accessToken()).ok).toBe(false);
    expect(await store.restore()).toBeNull();
  });

  it('takes a stored value it cannot read (tampered, or from another version) for none: removed, and logged', async () => {
    const unreadables = ['{"user":', JSON.stringify({ refreshToken: 42 }), '{"token":"from an older version"}', ''];
    for (const unreadable of unreadables) {
      const { server, storage, store, warnings } = setup(fakeAuthServer(), memoryArea({ value: unreadable }));
      expect(await store.restore()).toBeNull();
      expect(server.calls).toEqual([]);
      expect(storage.shared.value).toBeNull();
      expect(warnings).toEqual(['removed a stored sign-in that could not be read']);
      // Signing in works as usual afterwards.
      expect((await store.login(credentials)).ok).toBe(true);
      expect(await store.restore()).not.toBeNull();
      store.dispose();
    }
  });

  it('reads a session stored before the format was kept beside it, and stores its own with the format', async () => {
    const server = fakeAuthServer();
    const first = setup(server);
    await first.store.login(credentials);
    first.store.dispose();
    const { format, ...asBefore } = JSON.parse(first.storage.shared.value ?? '') as { format: number };
    expect(format).toBe(SESSION_FORMAT);
    const { store, storage } = setup(server, memoryArea({ value: JSON.stringify(asBefore) }));
    expect(await store.restore()).toEqual({ user: { id: 'u1', username: 'ada', displayName: 'Ada' } });
    expect(await store.accessToken(true)).toEqual({ ok: true, data: 'access-2' });
    expect(JSON.parse(storage.shared.value ?? '')).toMatchObject({ format: SESSION_FORMAT, refreshToken: 'refresh-2' });
    store.dispose();
  });

  it('leaves a stored sign-in from a newer version alone: this tab asks to sign in, the newer tabs stay signed in', async () => {
    const newer = [
      JSON.stringify({ format: SESSION_FORMAT + 1, sealed: 'a shape this version does not know' }),
      // Even in a shape this version could parse: a higher format says this version cannot use it.
      JSON.stringify({ ...JSON.parse(sessionText({ refreshToken: 'theirs', accessToken: 'x' })), format: 99 }),
      { format: SESSION_FORMAT + 1, session: 'not text at all' },
    ];
    for (const value of newer) {
      const { server, storage, store, warnings } = setup(fakeAuthServer(), memoryArea({ value: value as string }));
      expect(await store.restore()).toBeNull();
      expect(server.calls).toEqual([]);
      expect(storage.shared.value).toBe(value);
      expect(warnings).toEqual(['the stored sign-in is from a newer version of Wava: reload the page to use it']);
      // What the sign-in screen tells the person: Wava was updated in another tab, and a reload brings it.
      expect(store.updatedElsewhere()).toBe(true);
      store.dispose();
    }
  });

  it('says Wava was updated elsewhere only while a newer version holds the sign-in', async () => {
    const { store } = setup();
    expect(await store.restore()).toBeNull();
    expect(store.updatedElsewhere()).toBe(false); // nobody signed in: nothing a reload would bring
    const storage = memoryArea({ value: JSON.stringify({ format: SESSION_FORMAT + 1, sealed: 'theirs' }) });
    const older = setup(fakeAuthServer(), storage).store;
    expect(await older.restore()).toBeNull();
    expect(older.updatedElsewhere()).toBe(true);
    // The person signs in in this tab instead: the notice no longer applies.
    await older.login(credentials);
    expect(older.updatedElsewhere()).toBe(false);
    store.dispose();
    older.dispose();
  });

  it('keeps a session a newer version stored after this tab read something it could not read', async () => {
    const shared: Shared = { value: '{"token":"from an older version"}' };
    const newer = JSON.stringify({ format: SESSION_FORMAT + 1, sealed: 'stored meanwhile' });
    const area = memoryArea(shared);
    const read = area.read;
    area.read = async () => {
      const value = await read();
      shared.value = newer; // a tab of a newer version stores its sign-in between this read and the removal
      return value;
    };
    const warnings: string[] = [];
    const store = createWebAuthStore({
      api: createApiClient('https://meet.example.com', fakeAuthServer().fetch),
      area,
      logger: { warn: (message) => warnings.push(message) },
    });
    expect(await store.restore()).toBeNull();
    expect(shared.value).toBe(newer);
    expect(warnings).toEqual([]);
    store.dispose();
  });

  it('keeps a session another tab stored after this one read something it could not read', async () => {
    const { store: other, storage } = setup();
    await other.login(credentials);
    const stored = storage.shared.value;
    // This tab read the older value; by the time it removes it, the other tab has signed in.
    const area = { ...memoryArea(storage.shared), read: async () => 'left by an older version' };
    const warnings: string[] = [];
    const store = createWebAuthStore({
      api: createApiClient('https://meet.example.com', fakeAuthServer().fetch),
      area,
      logger: { warn: (message) => warnings.push(message) },
    });
    await store.restore();
    expect(storage.shared.value).toBe(stored);
    expect(warnings).toEqual([]);
    other.dispose();
    store.dispose();
  });
});

describe('createWebAuthStore when its schema cannot load (a new build on the server: the old chunk is gone)', () => {
  afterEach(() => {
    vi.doUnmock('../../src/renderer/api/validation.js');
    vi.resetModules();
  });

  it('leaves a good stored sign-in alone, and restores it once the schema loads', async () => {
    const { store: earlier, storage } = setup();
    await earlier.login(credentials);
    earlier.dispose();
    const stored = storage.shared.value;
    vi.resetModules();
    vi.doMock('../../src/renderer/api/validation.js', () => {
      throw new Error('chunk failed to load');
    });
    const { createWebAuthStore: withoutSchema } = await import('../../src/renderer/platform/webAuthStore.js');
    const server = fakeAuthServer();
    const warnings: string[] = [];
    const store = withoutSchema({
      api: createApiClient('https://meet.example.com', server.fetch),
      area: storage,
      logger: { warn: (message) => warnings.push(message) },
    });
    // It cannot tell whether the stored value is readable, so it takes it for nothing and removes nothing.
    expect(await store.restore()).toBeNull();
    expect(storage.shared.value).toBe(stored);
    expect(warnings).toEqual([]);
    expect(server.calls).toEqual([]);
    // The chunk arrives on a later try: the person is still signed in.
    vi.doUnmock('../../src/renderer/api/validation.js');
    expect(await store.restore()).toEqual({ user: { id: 'u1', username: 'ada', displayName: 'Ada' } });
    expect(storage.shared.value).toBe(stored);
    store.dispose();
  });
});
