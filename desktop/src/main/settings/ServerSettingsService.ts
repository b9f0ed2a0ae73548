import { apiError, type Result } from '@wava/protocol';
import type { ServerUrlStatePayload } from '../../shared/ipcSchemas.js';
import type { KeyValueStore } from '../auth/KeyValueStore.js';
import type { ServerUrlResolution } from './resolveServerUrl.js';
import { normaliseServerUrl } from './serverUrl.js';

export const USER_SERVER_URL_KEY = 'serverUrl';

export interface ServerSettingsService {
  current(): ServerUrlStatePayload;
  /** Validates, refuses when locked, saves the person's choice and applies it now. */
  change(input: string): Promise<Result<ServerUrlStatePayload>>;
}

export interface ServerSettingsDeps {
  initial: ServerUrlResolution;
  store: KeyValueStore;
  /** Runs before the switch (sign out of the old server) and after it (reload with the new CSP). */
  beforeChange(oldUrl: string, newUrl: string): Promise<void>;
  afterChange(newUrl: string): void;
}

export function createServerSettingsService(deps: ServerSettingsDeps): ServerSettingsService {
  let state: ServerUrlStatePayload = {
    url: deps.initial.url,
    source: deps.initial.source,
    locked: deps.initial.locked,
  };
  return {
    current: () => ({ ...state }),
    async change(input) {
      if (state.locked) return { ok: false, error: apiError('SERVER_URL_LOCKED') };
      const url = normaliseServerUrl(input);
      if (!url) return { ok: false, error: apiError('SERVER_URL_INVALID') };
      if (url === state.url) {
        deps.store.set(USER_SERVER_URL_KEY, url);
        state = { ...state, source: 'user' };
        return { ok: true, data: { ...state } };
      }
      const old = state.url;
      await deps.beforeChange(old, url);
      deps.store.set(USER_SERVER_URL_KEY, url);
      state = { url, source: 'user', locked: false };
      deps.afterChange(url);
      return { ok: true, data: { ...state } };
    },
  };
}
