import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadValidation } from '../../src/renderer/api/loadValidation.js';
import { PreparedMeeting } from '../../src/renderer/app/preparedMeeting.js';
import { useAppSession } from '../../src/renderer/app/useAppSession.js';
import type { Platform } from '../../src/renderer/platform/Platform.js';
import type { WebAuthStore } from '../../src/renderer/platform/webAuthStore.js';
import { browserProfile } from './support/browserProfile.js';
import { credentials } from './support/fakeAuthServer.js';

/** A tab's platform around its real auth store; `invite` delivers an invite link as the page or a deep link would. */
function tabPlatform(auth: WebAuthStore) {
  const listeners = new Set<(code: string) => void>();
  const platform: Platform = {
    kind: 'web',
    serverUrl: () => Promise.resolve('https://meet.example.com'),
    auth,
    onInvite: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onCommand: () => () => undefined,
    presenceChanged: () => undefined,
    notify: () => undefined,
  };
  const invite = (code: string) =>
    act(async () => {
      for (const listener of listeners) listener(code);
    });
  return { platform, invite };
}

beforeAll(() => loadValidation());

describe('useAppSession', () => {
  const openTabs: WebAuthStore[] = [];
  afterEach(() => {
    cleanup();
    for (const tab of openTabs.splice(0)) tab.dispose();
  });

  function twoTabs() {
    const profile = browserProfile();
    const other = profile.openTab();
    const shown = profile.openTab();
    openTabs.push(other, shown);
    return { other, shown };
  }

  const render = (platform: Platform) => renderHook(() => useAppSession(platform, new PreparedMeeting())).result;

  it('opens Home for a stored sign-in, and sign-in without one', async () => {
    const { other, shown } = twoTabs();
    const signedOut = render(tabPlatform(shown).platform);
    await waitFor(() => expect(signedOut.current.state.screen).toEqual({ name: 'auth', notice: null }));
    cleanup();

    await other.login(credentials);
    const signedIn = render(tabPlatform(shown).platform);
    await waitFor(() => expect(signedIn.current.state.screen.name).toBe('home'));
    const { screen } = signedIn.current.state;
    expect(screen.name === 'home' && screen.user.username).toBe(credentials.username);
  });

  it('keeps an invite that arrives before the sign-in is known, for Home to open', async () => {
    const { other, shown } = twoTabs();
    await other.login(credentials);
    const { platform, invite } = tabPlatform(shown);
    const result = render(platform);
    await invite('abc-defg-hij');
    expect(result.current.state.pendingInvite).toBe('abc-defg-hij');
    await waitFor(() => expect(result.current.state.screen.name).toBe('home'));
    expect(result.current.state.pendingInvite).toBe('abc-defg-hij');
  });

  it('shows sign-in, saying why, when another tab of the browser signs out', async () => {
    const { other, shown } = twoTabs();
    await other.login(credentials);
    const result = render(tabPlatform(shown).platform);
    await waitFor(() => expect(result.current.state.screen.name).toBe('home'));

    await act(() => other.logout());
    await waitFor(() =>
      expect(result.current.state.screen).toEqual({ name: 'auth', notice: { type: 'signed-out-elsewhere' } }),
    );
  });

  it('signs out at once: sign-in shows, and the browser keeps no sign-in', async () => {
    const { other, shown } = twoTabs();
    await other.login(credentials);
    const result = render(tabPlatform(shown).platform);
    await waitFor(() => expect(result.current.state.screen.name).toBe('home'));

    act(() => result.current.signOut());
    expect(result.current.state.screen).toEqual({ name: 'auth', notice: null });
    await waitFor(async () => expect(await other.restore()).toBeNull());
  });
});
