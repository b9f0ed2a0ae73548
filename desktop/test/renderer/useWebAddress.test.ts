import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppAction, Screen } from '../../src/renderer/app/appState.js';
import { useWebAddress } from '../../src/renderer/app/useWebAddress.js';

const user = { id: 'u1', username: 'ada', displayName: 'Ada' };
const HOME: Screen = { name: 'home', user, error: null, busy: false };
const LEFT: Screen = { name: 'left', user, code: 'abc-defg-hij' };
const AUTH: Screen = { name: 'auth', notice: null };

describe('useWebAddress', () => {
  const actions: AppAction[] = [];
  const dispatch = (action: AppAction) => void actions.push(action);
  const open = (path: string) => window.history.replaceState(null, '', path);
  const follow = (web: boolean, screen: Screen) =>
    renderHook((shown: Screen) => useWebAddress(web, shown, dispatch), { initialProps: screen });

  beforeEach(() => open('/'));
  afterEach(() => {
    cleanup();
    actions.length = 0;
  });

  it('on the web, the address bar follows the screen, and sign-in leaves it as it is', () => {
    open('/j/abc-defg-hij');
    const { rerender } = follow(true, AUTH);
    expect(window.location.pathname).toBe('/j/abc-defg-hij');
    rerender(LEFT);
    expect(window.location.pathname).toBe('/left');
    rerender(HOME);
    expect(window.location.pathname).toBe('/');
    expect(actions).toEqual([]);
  });

  it('in the desktop app, the address is left alone', () => {
    open('/index.html');
    const { rerender } = follow(false, HOME);
    rerender(LEFT);
    expect(window.location.pathname).toBe('/index.html');
  });

  it('says so when the page opened on a /j/ address that holds no meeting code, on the web only', () => {
    open('/j/not-a-code');
    follow(false, AUTH);
    expect(actions).toEqual([]);
    cleanup();

    follow(true, AUTH);
    expect(actions).toEqual([{ type: 'invite-invalid' }]);
  });
});
