import type { GuestSession } from '@wava/protocol';
import { apiError } from '@wava/protocol/plain';
import type { AuthStore } from '../../platform/Platform.js';

/**
 * A guest session as the call core's AuthStore: its one token, held in memory only (a guest has nothing to
 * restore or refresh; when the token expires or its meeting ends, the session is over). No sign-in or account.
 */
export function createGuestAuthStore(session: GuestSession, now: () => number = Date.now): AuthStore {
  let current: GuestSession | null = session;
  const notForGuests = () => Promise.resolve({ ok: false as const, error: apiError('UNAUTHENTICATED') });
  return {
    register: notForGuests,
    login: notForGuests,
    restore: () => Promise.resolve(null),
    accessToken: () =>
      Promise.resolve(
        current && current.expiresAt > now()
          ? { ok: true as const, data: current.accessToken }
          : { ok: false as const, error: apiError('TOKEN_EXPIRED') },
      ),
    logout() {
      current = null;
      return Promise.resolve();
    },
  };
}
