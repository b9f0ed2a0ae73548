import { createApiClient } from '@wava/protocol';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyApiClient } from '../../src/renderer/api/lazyApiClient.js';
import {
  createSharedSessionArea,
  SESSION_CHANNEL,
  type SessionNews,
} from '../../src/renderer/platform/sharedSessionArea.js';
import { createWebAuthStore, type WebAuthStore } from '../../src/renderer/platform/webAuthStore.js';
import { credentials, fakeAuthServer } from './support/fakeAuthServer.js';

/**
 * The web client's sign-in across tabs with its real parts: the stores, the shared area over an IndexedDB
 * (fake-indexeddb, as Node has none), Node's BroadcastChannel between the tabs, and the lazily loaded validating
 * code, which a tab may fail to load. The server is fakeAuthServer, which has no grace period for a repeated
 * refresh token: in real life a tab that presents a spent token minutes later (its timer, a reload) meets none either.
 */

const ORIGIN = 'https://meet.example.com';
const VALIDATION = '../../src/renderer/api/validation.js';

/** Node's BroadcastChannel (jsdom has none), except that it does not keep the test process alive. */
class TabChannel extends BroadcastChannel {
  constructor(name: string) {
    super(name);
    // A browser closes a tab's channel with the tab; the stores here never close theirs.
    (this as unknown as { unref(): void }).unref();
  }
}

interface TabModules {
  createSharedSessionArea: typeof createSharedSessionArea;
  createWebAuthStore: typeof createWebAuthStore;
  lazyApiClient: typeof lazyApiClient;
}

/** A tab whose validating code cannot load: its own copy of the modules, with the chunk failing until unmocked. */
async function modulesWithoutValidation(): Promise<TabModules> {
  vi.resetModules();
  vi.doMock(VALIDATION, () => {
    throw new Error('chunk failed to load');
  });
  return {
    ...(await import('../../src/renderer/platform/sharedSessionArea.js')),
    ...(await import('../../src/renderer/platform/webAuthStore.js')),
    ...(await import('../../src/renderer/api/lazyApiClient.js')),
  };
}

/**
 * The profile's storage is full: IndexedDB takes the value and then refuses to commit it, as a quota error does.
 * (fake-indexeddb has no quota; removing a value still works, as it does in Chromium.)
 */
function storageFull(): void {
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
    this: IDBObjectStore,
    ...args: Parameters<typeof put>
  ) {
    const request = put.apply(this, args);
    this.transaction.abort();
    return request;
  });
}

const openTabs: WebAuthStore[] = [];

/** One browser profile: its IndexedDB, the channel between its tabs, and the server. */
function browserProfile() {
  const server = fakeAuthServer();
  const win = { indexedDB: new IDBFactory(), BroadcastChannel: TabChannel } as unknown as Window & typeof globalThis;
  const modules: TabModules = { createSharedSessionArea, createWebAuthStore, lazyApiClient };
  /** A tab as the web platform opens it; `news` is what it heard from the other tabs. */
  const openTab = (tabModules = modules) => {
    const area = tabModules.createSharedSessionArea(win);
    if (!area) throw new Error('no shared area');
    const news: SessionNews[] = [];
    area.onChanged((heard) => news.push(heard));
    const store = tabModules.createWebAuthStore({ api: tabModules.lazyApiClient(ORIGIN, server.fetch), area });
    openTabs.push(store);
    return { store, news };
  };
  return { server, openTab };
}

const codeOf = (result: { ok: true; data: unknown } | { ok: false; error: { code: string } }) =>
  result.ok ? 'ok' : result.error.code;

describe('the sign-in shared by the tabs, when storing it fails', () => {
  afterEach(() => {
    for (const tab of openTabs.splice(0)) tab.dispose();
    vi.restoreAllMocks();
    vi.doUnmock(VALIDATION);
    vi.resetModules();
  });

  it('a tab that could not read the news of a refresh another tab could not store never presents the spent token', async () => {
    const { server, openTab } = browserProfile();
    const a = openTab();
    expect(codeOf(await a.store.login(credentials))).toBe('ok');
    // Tab B is open while its validating code cannot load (the network dropped, or a new build replaced the chunk).
    const b = openTab(await modulesWithoutValidation());
    expect(await b.store.restore()).toBeNull();

    storageFull();
    expect(await a.store.accessToken(true)).toEqual({ ok: true, data: 'access-2' });
    await vi.waitFor(() => expect(b.news).toHaveLength(1));

    // B's code loads again, and B looks for the sign-in (a reload, or its next request): it asks to sign in,
    // rather than presenting refresh-1, which would sign the person out everywhere.
    vi.doUnmock(VALIDATION);
    expect(await b.store.restore()).toBeNull();
    expect(codeOf(await b.store.accessToken(true))).toBe('UNAUTHENTICATED');
    expect(server.reuses()).toBe(0);
    // Tab A stays signed in.
    expect(await a.store.accessToken(true)).toEqual({ ok: true, data: 'access-3' });
  });

  it('a tab opened or reloaded after a refresh that could not be stored asks to sign in; the other stays signed in', async () => {
    const { server, openTab } = browserProfile();
    const a = openTab();
    expect(codeOf(await a.store.login(credentials))).toBe('ok');
    storageFull();
    expect(await a.store.accessToken(true)).toEqual({ ok: true, data: 'access-2' });

    const later = openTab();
    expect(await later.store.restore()).toBeNull();
    expect(codeOf(await later.store.accessToken(true))).toBe('UNAUTHENTICATED');
    expect(server.reuses()).toBe(0);
    expect(await a.store.accessToken(true)).toEqual({ ok: true, data: 'access-3' });
  });

  it('a tab that hears news it cannot read keeps its access token, but never presents its refresh token', async () => {
    const { server, openTab } = browserProfile();
    const tab = openTab();
    expect(codeOf(await tab.store.login(credentials))).toBe('ok');
    // A tab of another version refreshed with the shared token, could not store the result, and posted it in a
    // form this version cannot read.
    const refreshed = await createApiClient(ORIGIN, server.fetch).refresh('refresh-1');
    expect(codeOf(refreshed)).toBe('ok');
    const other = new TabChannel(SESSION_CHANNEL);
    other.postMessage({ unstored: JSON.stringify({ format: 2, session: refreshed.ok && refreshed.data }) });
    other.close();
    await vi.waitFor(() => expect(tab.news).toHaveLength(1));

    expect(await tab.store.accessToken()).toEqual({ ok: true, data: 'access-1' });
    expect(codeOf(await tab.store.accessToken(true))).toBe('UNAUTHENTICATED');
    expect(server.reuses()).toBe(0);
    // The person signs in again in this tab, and is signed in in the tabs opened after.
    expect(codeOf(await tab.store.login(credentials))).toBe('ok');
    expect(await openTab().store.restore()).toEqual({ user: { id: 'u1', username: 'ada', displayName: 'Ada' } });
  });

  it('news of a shape this version does not know (another version) is not taken for a value stored', async () => {
    const { server, openTab } = browserProfile();
    const tab = openTab();
    expect(codeOf(await tab.store.login(credentials))).toBe('ok');
    // A tab of another version refreshed with the shared token and told the tabs in its own words; what is
    // stored is still refresh-1, now spent.
    expect(codeOf(await createApiClient(ORIGIN, server.fetch).refresh('refresh-1'))).toBe('ok');
    const other = new TabChannel(SESSION_CHANNEL);
    other.postMessage({ kind: 'refreshed', by: 'a newer version' });
    other.close();
    await vi.waitFor(() => expect(tab.news).toEqual([{ kind: 'unreadable' }]));

    expect(await tab.store.accessToken()).toEqual({ ok: true, data: 'access-1' });
    expect(codeOf(await tab.store.accessToken(true))).toBe('UNAUTHENTICATED');
    expect(server.reuses()).toBe(0);
  });
});
