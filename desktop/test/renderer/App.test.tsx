import { API_ROUTES } from '@wava/protocol';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadValidation } from '../../src/renderer/api/loadValidation.js';
import { App } from '../../src/renderer/app/App.js';
import type { Platform } from '../../src/renderer/platform/Platform.js';
import type { WebAuthStore } from '../../src/renderer/platform/webAuthStore.js';
import { browserProfile } from './support/browserProfile.js';
import { credentials } from './support/fakeAuthServer.js';

const SERVER = 'https://meet.example.com';

/** The web client's platform around a tab's real auth store; nothing else of it is used on Home and sign-in. */
const webPlatform = (auth: WebAuthStore): Platform => ({
  kind: 'web',
  serverUrl: () => Promise.resolve(SERVER),
  auth,
  onInvite: () => () => undefined,
  onCommand: () => () => undefined,
  presenceChanged: () => undefined,
  notify: () => undefined,
});

/** Lets the fake clock's pending work (and React's updates from it) run. */
const settle = (ms = 0) => act(() => vi.advanceTimersByTimeAsync(ms));

// Loaded before the fake clock starts, as in webAuthStoreTabs.test.ts.
beforeAll(() => loadValidation());

describe('App: signing out', () => {
  const openTabs: WebAuthStore[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
  });
  afterEach(() => {
    cleanup();
    for (const tab of openTabs.splice(0)) tab.dispose();
    vi.useRealTimers();
  });

  it('shows the sign-in form at once while the server hangs, and the session does not come back', async () => {
    const profile = browserProfile();
    const other = profile.openTab();
    const shown = profile.openTab();
    openTabs.push(other, shown);
    await other.login(credentials);
    render(<App platform={webPlatform(shown)} serverUrl={SERVER} />);
    await settle();
    const signOut = screen.getByTestId('sign-out');

    // The server stops answering: another tab's refresh holds the cross-tab lock, and the sign-out gets no answer.
    const release = profile.server.hold(API_ROUTES.refresh);
    profile.server.hold(API_ROUTES.logout);
    const refreshing = other.accessToken(true);
    await settle();
    fireEvent.click(signOut);
    await settle();
    expect(screen.getByTestId('auth-submit')).toBeTruthy();
    expect(screen.queryByTestId('sign-out')).toBeNull();
    expect(profile.shared.value).toBeNull();

    // The other tab's refresh is answered later, and every request's time runs out: still signed out everywhere.
    release();
    await refreshing;
    await settle(60_000);
    expect(screen.getByTestId('auth-submit')).toBeTruthy();
    expect(profile.shared.value).toBeNull();
    const token = await other.accessToken();
    expect(token.ok ? 'ok' : token.error.code).toBe('UNAUTHENTICATED');
    const reloaded = profile.openTab();
    openTabs.push(reloaded);
    expect(await reloaded.restore()).toBeNull();
  });

  it("does not wait for a store's logout that waits for the server (the desktop one tells it before resolving)", async () => {
    const profile = browserProfile();
    const tab = profile.openTab();
    openTabs.push(tab);
    await tab.login(credentials);
    // As the desktop store over IPC: it forgets the sign-in at once, and resolves once the server has answered.
    const waitsForServer: WebAuthStore = {
      ...tab,
      logout: () => {
        void tab.logout();
        return new Promise<void>(() => undefined);
      },
    };
    render(<App platform={webPlatform(waitsForServer)} serverUrl={SERVER} />);
    await settle();
    fireEvent.click(screen.getByTestId('sign-out'));
    await settle();
    expect(screen.getByTestId('auth-submit')).toBeTruthy();
    expect(screen.queryByTestId('sign-out')).toBeNull();
  });
});
