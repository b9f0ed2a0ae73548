import { parseInvite } from '@wava/protocol/plain';
import { useEffect, type Dispatch } from 'react';
import { addressOf } from './addressOf.js';
import type { AppAction, Screen } from './appState.js';

/**
 * On the web (`web` true): the address bar follows the screen (the invite path in a meeting, /left after it), and a
 * /j/ path that holds no meeting code says so instead of silently showing Home.
 */
export function useWebAddress(web: boolean, screen: Screen, dispatch: Dispatch<AppAction>): void {
  useEffect(() => {
    if (!web) return;
    const { href, pathname } = window.location;
    if (pathname.startsWith('/j/') && parseInvite(href) === null) {
      dispatch({ type: 'invite-invalid' });
    }
  }, [web, dispatch]);

  const address = addressOf(screen);
  useEffect(() => {
    if (!web || address === null || window.location.pathname === address) return;
    window.history.replaceState(null, '', address);
  }, [web, address]);
}
