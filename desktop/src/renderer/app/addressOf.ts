import { missingCaseError } from '@wava/protocol/plain';
import type { Screen } from './appState.js';

/**
 * The web page's address for a screen, so the address bar tells where the person is: the invite path
 * while in a meeting (or about to join), `/left` after leaving one, `/` otherwise. Null: leave it as is.
 */
export function addressOf(screen: Screen): string | null {
  switch (screen.name) {
    case 'loading':
    case 'auth':
      return null;
    case 'home':
      return '/';
    case 'prejoin':
      return `/j/${screen.meeting.code}`;
    case 'meeting':
      return `/j/${screen.client.code}`;
    case 'lobby':
      return `/j/${screen.lobby.code}`;
    case 'left':
      return '/left';
    default:
      throw missingCaseError(screen);
  }
}
