import { API_ROUTES, createApiClient, REFRESH_TIMEOUT_MS, userMessage, type AuthSession } from '@wava/protocol';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadValidation } from '../../src/renderer/api/loadValidation.js';
import type { SessionNews, SharedSessionArea } from '../../src/renderer/platform/sharedSessionArea.js';
import { SESSION_FORMAT, sessionText } from '../../src/renderer/platform/sessionFormat.js';
import { createWebAuthStore, type LockManagerLike } from '../../src/renderer/platform/webAuthStore.js';
import { fakeAuthServer } from './support/fakeAuthServer.js';

type Shared = { value: string | null; full?: boolean; slowReads?: Promise<void> };
type TabListener = (news: SessionNews) => void;

/**
 * One tab's view of the shared area: a value every tab reads, and news for the other tabs when it changes. A
 * `full` area refuses writes (quota), and, as the real one does, removes the older value (sharedSessionArea.test.ts
 * checks that against IndexedDB) and gives the other tabs the value instead. A tab that cannot `read` that news
 * (its validating code did not load) is told only that there was news. While `slowReads` is pending, a read
 * answers what was stored when it began, once it resolves (a read transaction that began before a write).
 */
function memoryArea(shared: Shared = { value: null }, tabs = new Set<TabListener>(), reads = true) {
  let self: TabListener | null = null;
  const area: SharedSessionArea & { shared: Shared } = {
    shared,
    read: async () => {
      const value = shared.value;
      await shared.slowReads;
      return value;
    },
    write: async (value) => {
      const others = [...tabs].filter((tab) => tab !== self);
      if (shared.full) {
        shared.value = null;
        for (const tab of others) queueMicrotask(() => tab({ kind: 'unstored', value }));
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      shared.value = value;
      for (const tab of others) queueMicrotask(() => tab({ kind: 'stored' }));
    },
    removeIf: async (unreadable) => {
      if (shared.value === null || !unreadable(shared.value)) return false;
      shared.value = null;
      return true;
    },
    onChanged(listener) {
      const tab: TabListener = reads
        ? listener
        : (news) => listener(news.kind === 'stored' ? news : { kind: 'unreadable' });
      self = tab;
      tabs.add(tab);
      return () => tabs.delete(tab);
    },
  };
  return area;
}

const storedRefreshToken = (area: ReturnType<typeof memoryArea>) =>
  area.shared.value ? (JSON.parse(area.shared.value) as AuthSession).refreshToken : undefined;

function setup(server = fakeAuthServer(), area = memoryArea()) {
  const api = createApiClient('https://meet.example.com', server.fetch);
  const store = createWebAuthStore({ api, area });
  return { server, storage: area, store };
}

/**
 * One browser profile with several tabs, as far as the store can tell: the area they share, the news every
 * other tab gets of a change, and Web Locks (an exclusive lock per name). jsdom has one window, no IndexedDB
 * and no Web Locks, so these small stand-ins behave as Chromium does; the end-to-end suite checks the real
 * thing (e2e/browser/signInAcrossTabs.spec.ts).
 */
function browserProfile(server = fakeAuthServer()) {
  const shared: Shared = { value: null };
  const tabs = new Set<TabListener>();
  const held = new Map<string, Promise<unknown>>();
  let lockRequests = 0;
  const locks: LockManagerLike = {
    request(name, callback) {
      lockRequests += 1;
      const run = (held.get(name) ?? Promise.resolve()).then(callback, callback);
      held.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
  function openTab({ readsNews = true } = {}) {
    const api = createApiClient('https://meet.example.com', server.fetch);
    return createWebAuthStore({ api, area: memoryArea(shared, tabs, readsNews), locks });
  }
  /** News that reaches every tab only now (the browser delivers it late). */
  const tellLate = (news: SessionNews) => {
    for (const tab of tabs) tab(news);
  };
  return { server, shared, openTab, tellLate, lockRequests: () => lockRequests };
}

const credentials = { username: 'ada', password: 'correct horse' };

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
      const storage = memoryArea({ value: unreadable });
      const warnings: string[] = [];
      const server = fakeAuthServer();
      const api = createApiClient('https://meet.example.com', server.fetch);
      const store = createWebAuthStore({ api, area: storage, logger: { warn: (message) => warnings.push(message) } });
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
      const storage = memoryArea({ value: value as string });
      const warnings: string[] = [];
      const server = fakeAuthServer();
      const api = createApiClient('https://meet.example.com', server.fetch);
      const store = createWebAuthStore({ api, area: storage, logger: { warn: (message) => warnings.push(message) } });
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

describe('one sign-in shared by the tabs of a browser profile', () => {
  const openTabs: Array<{ dispose(): void }> = [];
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
  });
  afterEach(() => {
    for (const tab of openTabs.splice(0)) tab.dispose();
    vi.useRealTimers();
  });

  /** Two tabs of one profile: Ada signed in in `a`, and `b` restored her session. */
  async function twoTabsSignedIn() {
    const profile = browserProfile();
    const a = profile.openTab();
    const b = profile.openTab();
    openTabs.push(a, b);
    await a.login(credentials);
    await b.restore();
    return { profile, a, b };
  }

  it('a tab opened after signing in (an invite link) is signed in without asking the server', async () => {
    const profile = browserProfile();
    const first = profile.openTab();
    await first.login(credentials);
    const second = profile.openTab();
    expect(await second.restore()).toEqual({ user: { id: 'u1', username: 'ada', displayName: 'Ada' } });
    expect(await second.accessToken()).toEqual({ ok: true, data: 'access-1' });
    expect(profile.server.refreshes()).toBe(0);
    first.dispose();
    second.dispose();
  });

  it('two tabs told at once that the access token expired refresh once, and both get the new token', async () => {
    const { profile, a, b } = await twoTabsSignedIn();
    const locksBefore = profile.lockRequests();
    const [fromA, fromB] = await Promise.all([a.accessToken(true), b.accessToken(true)]);
    expect([fromA, fromB]).toEqual([
      { ok: true, data: 'access-2' },
      { ok: true, data: 'access-2' },
    ]);
    // A second refresh would have presented refresh-1 again: REFRESH_REUSED, and both tabs signed out.
    expect(profile.server.refreshes()).toBe(1);
    expect(profile.lockRequests() - locksBefore).toBe(2);
    expect(await a.accessToken()).toEqual({ ok: true, data: 'access-2' });
  });

  it("both tabs' timers fire at the same moment: one refresh, and the session stays signed in everywhere", async () => {
    const { profile, a, b } = await twoTabsSignedIn();
    await vi.advanceTimersByTimeAsync(14 * 60_000 + 1);
    expect(profile.server.refreshes()).toBe(1);
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(profile.server.refreshes()).toBe(2);
    expect(await a.accessToken()).toEqual({ ok: true, data: 'access-3' });
    expect(await b.accessToken()).toEqual({ ok: true, data: 'access-3' });
  });

  it('signing out in one tab signs out the others, which are told so', async () => {
    const { profile, a, b } = await twoTabsSignedIn();
    const told = vi.fn();
    b.onSignedOut?.(told);
    await a.logout();
    await vi.advanceTimersByTimeAsync(0);
    expect(told).toHaveBeenCalledTimes(1);
    const token = await b.accessToken();
    expect(token.ok ? 'ok' : token.error.code).toBe('UNAUTHENTICATED');
    expect(profile.shared.value).toBeNull();
  });

  it('a tab showing one person hears when another tab signs in someone else', async () => {
    const { profile, a, b } = await twoTabsSignedIn();
    const told = vi.fn();
    b.onSignedOut?.(told);
    await a.login(credentials); // the same person again: a new session, nothing to tell
    await vi.advanceTimersByTimeAsync(0);
    expect(told).not.toHaveBeenCalled();
    profile.server.nextUser({ id: 'u2', username: 'grace', displayName: 'Grace' });
    await a.login(credentials);
    await vi.advanceTimersByTimeAsync(0);
    expect(told).toHaveBeenCalledTimes(1);
  });

  it('a refresh the browser could not store (quota) still reaches the other tabs: none presents the spent token', async () => {
    const { profile, a, b } = await twoTabsSignedIn();
    profile.shared.full = true;
    expect(await a.accessToken(true)).toEqual({ ok: true, data: 'access-2' });
    await vi.advanceTimersByTimeAsync(0);
    // The other tab has the new session without asking the server...
    expect(await b.accessToken()).toEqual({ ok: true, data: 'access-2' });
    expect(profile.server.refreshes()).toBe(1);
    // ...and its own refresh presents the new refresh token, not the spent one (REFRESH_REUSED would sign out).
    expect(await b.accessToken(true)).toEqual({ ok: true, data: 'access-3' });
    expect(await a.accessToken()).toEqual({ ok: true, data: 'access-3' });
  });

  it('a tab that cannot read the news of a refresh never presents the spent token: signed out in that tab alone', async () => {
    const profile = browserProfile();
    const a = profile.openTab();
    const b = profile.openTab({ readsNews: false });
    openTabs.push(a, b);
    await a.login(credentials);
    await b.restore();
    const told = vi.fn();
    b.onSignedOut?.(told);
    profile.shared.full = true;
    expect(await a.accessToken(true)).toEqual({ ok: true, data: 'access-2' });
    await vi.advanceTimersByTimeAsync(0);
    // B goes on with its access token while it lasts, and its timer does not present refresh-1...
    expect(await b.accessToken()).toEqual({ ok: true, data: 'access-1' });
    await vi.advanceTimersByTimeAsync(14 * 60_000 + 1);
    expect(profile.server.refreshes()).toBe(2); // A's forced refresh, then A's timer
    expect(told).not.toHaveBeenCalled();
    // ...and once B needs a new one, B alone asks to sign in again; A stays signed in.
    const token = await b.accessToken();
    expect(token.ok ? 'ok' : token.error.code).toBe('UNAUTHENTICATED');
    expect(told).toHaveBeenCalledTimes(1);
    expect(profile.server.reuses()).toBe(0);
    expect(await a.accessToken()).toEqual({ ok: true, data: 'access-3' });
    // Signing in again in B, with storage working again, signs in B and gives A that session, as the same person.
    profile.shared.full = false;
    const aTold = vi.fn();
    a.onSignedOut?.(aTold);
    expect((await b.login(credentials)).ok).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(await a.accessToken()).toEqual({ ok: true, data: 'access-4' });
    expect(aTold).not.toHaveBeenCalled();
  });

  it('a tab of an older version, open when a newer one stores its refreshed sign-in, never presents the spent token', async () => {
    const { profile, a, b } = await twoTabsSignedIn();
    const told = vi.fn(() => b.updatedElsewhere());
    b.onSignedOut?.(told);
    // Tab A is reloaded into a newer version of Wava, whose refresh stores the session in a format B cannot read.
    a.dispose();
    const refreshed = await createApiClient('https://meet.example.com', profile.server.fetch).refresh('refresh-1');
    const newer = JSON.stringify({ format: SESSION_FORMAT + 1, session: refreshed.ok && refreshed.data });
    profile.shared.value = newer;
    profile.tellLate({ kind: 'stored' });
    await vi.advanceTimersByTimeAsync(0);
    // B goes on with its access token while it lasts, and its timer does not present refresh-1...
    expect(await b.accessToken()).toEqual({ ok: true, data: 'access-1' });
    await vi.advanceTimersByTimeAsync(14 * 60_000 + 1);
    expect(profile.server.refreshes()).toBe(1);
    // ...then asks to sign in, in that tab alone: the newer tab's sign-in is neither revoked nor removed.
    const token = await b.accessToken();
    expect(token.ok ? 'ok' : token.error.code).toBe('UNAUTHENTICATED');
    expect(told).toHaveBeenCalledTimes(1);
    // When it is told, the tab knows why: Wava was updated in another tab (not a sign-out there).
    expect(told).toHaveReturnedWith(true);
    expect(profile.server.reuses()).toBe(0);
    expect(profile.shared.value).toBe(newer);
  });

  it('signing out while another tab refreshes leaves nothing stored: the refreshed session does not come back', async () => {
    const { profile, a, b } = await twoTabsSignedIn();
    const release = profile.server.hold(API_ROUTES.refresh);
    const refreshing = b.accessToken(true);
    await vi.advanceTimersByTimeAsync(0);
    const signingOut = a.logout();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await Promise.all([refreshing, signingOut]);
    await vi.advanceTimersByTimeAsync(0);
    expect(profile.shared.value).toBeNull();
    const token = await b.accessToken();
    expect(token.ok ? 'ok' : token.error.code).toBe('UNAUTHENTICATED');
    expect(await profile.openTab().restore()).toBeNull(); // a reload, or a new tab
  });

  it('a refresh that never gets an answer gives up in time: signing out in another tab is not held up by it', async () => {
    const { profile, a, b } = await twoTabsSignedIn();
    profile.server.hold(API_ROUTES.refresh); // the answers never come (a hung connection)
    const refreshing = a.accessToken(true);
    await vi.advanceTimersByTimeAsync(0);
    let signedOut = false;
    void b.logout().then(() => (signedOut = true));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(signedOut).toBe(true);
    const refreshed = await refreshing;
    expect(refreshed.ok ? 'ok' : refreshed.error.code).toBe('SERVER_UNREACHABLE');
    expect(profile.shared.value).toBeNull();
    expect(await profile.openTab().restore()).toBeNull();
  });

  it('signing in as someone else while another tab refreshes keeps the new sign-in in every tab', async () => {
    const { profile, b } = await twoTabsSignedIn();
    const grace = { id: 'u2', username: 'grace', displayName: 'Grace' };
    const c = profile.openTab(); // a tab showing the sign-in form (its own sign-in was lost)
    openTabs.push(c);
    const bTold = vi.fn();
    const cTold = vi.fn();
    b.onSignedOut?.(bTold);
    c.onSignedOut?.(cTold);
    const release = profile.server.hold(API_ROUTES.refresh);
    const refreshing = b.accessToken(true);
    await vi.advanceTimersByTimeAsync(0);
    profile.server.nextUser(grace);
    const signingIn = c.login(credentials);
    await vi.advanceTimersByTimeAsync(0);
    release();
    expect(await signingIn).toEqual({ ok: true, data: { user: grace } });
    await refreshing;
    await vi.advanceTimersByTimeAsync(0);
    expect(cTold).not.toHaveBeenCalled();
    expect(bTold).toHaveBeenCalledTimes(1);
    expect(await profile.openTab().restore()).toEqual({ user: grace });
  });

  it('a tab never goes back to a refresh token it has spent, whatever an older read of the storage says', async () => {
    const { profile, b } = await twoTabsSignedIn();
    const release = profile.server.hold(API_ROUTES.refresh);
    const refreshing = b.accessToken(true); // presents refresh-1
    await vi.advanceTimersByTimeAsync(0);
    // News of an earlier change reaches B late, and B's read of the storage is slow: it will answer refresh-1.
    let endReads = () => {};
    profile.shared.slowReads = new Promise((resolve) => (endReads = resolve));
    profile.tellLate({ kind: 'stored' });
    // B's refresh ends, and the storage is full: B goes by memory from now on.
    profile.shared.full = true;
    release();
    expect(await refreshing).toEqual({ ok: true, data: 'access-2' });
    endReads();
    profile.shared.slowReads = undefined;
    await vi.advanceTimersByTimeAsync(0);
    // B's next refresh presents refresh-2; refresh-1 again would sign the person out everywhere.
    expect(await b.accessToken(true)).toEqual({ ok: true, data: 'access-3' });
    expect(profile.server.reuses()).toBe(0);
  });
});
