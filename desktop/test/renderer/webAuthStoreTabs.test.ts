import { API_ROUTES, createApiClient } from '@wava/protocol';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadValidation } from '../../src/renderer/api/loadValidation.js';
import { SESSION_FORMAT } from '../../src/renderer/platform/sessionFormat.js';
import { browserProfile } from './support/browserProfile.js';
import { credentials } from './support/fakeAuthServer.js';

// The store's schemas load on first use; the app fetches them once the page is idle (main.tsx). Loaded here before
// the fake clock starts, as the module loader's own I/O does not run on it.
beforeAll(() => loadValidation());

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

  it("signing out is immediate while another tab's refresh and the server hang, and the late refresh brings nothing back", async () => {
    const { profile, a, b } = await twoTabsSignedIn();
    const told = vi.fn();
    b.onSignedOut?.(told);
    const release = profile.server.hold(API_ROUTES.refresh);
    profile.server.hold(API_ROUTES.logout); // the server does not answer the sign-out either
    const refreshing = b.accessToken(true);
    await vi.advanceTimersByTimeAsync(0);
    let signedOut = false;
    void a.logout().then(() => (signedOut = true));
    await vi.advanceTimersByTimeAsync(0);
    // Done for the person at once: nothing stored, the other tab told, a new tab asks to sign in.
    expect(signedOut).toBe(true);
    expect(profile.shared.value).toBeNull();
    expect(told).toHaveBeenCalledTimes(1);
    const fresh = profile.openTab();
    openTabs.push(fresh);
    expect(await fresh.restore()).toBeNull();
    // The hung refresh is answered later: its session is neither stored nor used, and the server hears of it.
    release();
    const refreshed = await refreshing;
    expect(refreshed.ok ? 'ok' : refreshed.error.code).toBe('UNAUTHENTICATED');
    await vi.advanceTimersByTimeAsync(0);
    expect(profile.shared.value).toBeNull();
    const token = await b.accessToken();
    expect(token.ok ? 'ok' : token.error.code).toBe('UNAUTHENTICATED');
    expect(await profile.openTab().restore()).toBeNull();
    expect(profile.server.calls.filter((path) => path === API_ROUTES.logout).length).toBe(2);
    expect(profile.server.reuses()).toBe(0);
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
