import { apiError, type Result } from '@wava/protocol';
import type { ServerUrlState } from '../../shared/ipcSchemas.js';
import type { KeyValueStore } from '../auth/KeyValueStore.js';
import type { ServerUrlResolution } from './resolveServerUrl.js';
import { normaliseServerUrl } from '../urls/serverUrl.js';

export const USER_SERVER_URL_KEY = 'serverUrl';

export interface ServerSettingsService {
  current(): ServerUrlState;
  /** Validates, refuses when locked, saves the person's choice and applies it now. */
  change(input: string): Promise<Result<ServerUrlState>>;
  /**
   * The server an invite link names, after the person agreed: applied now but NOT saved, so a link alone can never
   * re-point the app for good. It is saved by `signedIn` once a sign-in there succeeds; until then a restart
   * returns to the saved server. Refused when locked, like any change.
   */
  useForInvite(input: string): Promise<Result<ServerUrlState>>;
  /** A sign-in succeeded on `origin`: an address taken from an invite becomes the person's saved choice. */
  signedIn(origin: string): void;
}

export interface ServerSettingsDeps {
  initial: ServerUrlResolution;
  store: KeyValueStore;
  /** Runs before the switch (sign out of the old server) and after it (reload with the new CSP). */
  beforeChange(oldUrl: string, newUrl: string): Promise<void>;
  afterChange(newUrl: string): void;
}

export function createServerSettingsService(deps: ServerSettingsDeps): ServerSettingsService {
  let state: ServerUrlState = {
    url: deps.initial.url,
    source: deps.initial.source,
    locked: deps.initial.locked,
  };

  async function apply(input: string, source: 'user' | 'invite'): Promise<Result<ServerUrlState>> {
    if (state.locked) return { ok: false, error: apiError('SERVER_URL_LOCKED') };
    const url = normaliseServerUrl(input);
    if (!url) return { ok: false, error: apiError('SERVER_URL_INVALID') };
    if (url !== state.url) {
      await deps.beforeChange(state.url, url);
      state = { url, source, locked: false };
      if (source === 'user') deps.store.set(USER_SERVER_URL_KEY, url);
      deps.afterChange(url);
    } else if (source === 'user') {
      deps.store.set(USER_SERVER_URL_KEY, url);
      state = { ...state, source };
    }
    return { ok: true, data: { ...state } };
  }

  return {
    current: () => ({ ...state }),
    change: (input) => apply(input, 'user'),
    useForInvite: (input) => apply(input, 'invite'),
    signedIn(origin) {
      if (state.source !== 'invite' || state.url !== origin || state.locked) return;
      deps.store.set(USER_SERVER_URL_KEY, origin);
      state = { ...state, source: 'user' };
    },
  };
}
