import type { Meeting, Result } from '@wava/protocol';
import { lazyApiClient } from './lazyApiClient.js';
import type { AuthStore } from '../platform/Platform.js';

/** The HTTP calls the screens make, with the access token handled: refreshed and retried once on TOKEN_EXPIRED. */
export interface ServerApi {
  createMeeting(settings?: { lobby: boolean }): Promise<Result<Meeting>>;
  getMeeting(code: string): Promise<Result<Meeting>>;
}

export function createServerApi(serverUrl: string, auth: AuthStore, fetchImpl?: typeof fetch): ServerApi {
  const api = lazyApiClient(serverUrl, fetchImpl ?? ((input, init) => fetch(input, init)));

  async function withToken<T>(call: (token: string) => Promise<Result<T>>): Promise<Result<T>> {
    const token = await auth.accessToken();
    if (!token.ok) return token;
    const result = await call(token.data);
    if (result.ok || result.error.code !== 'TOKEN_EXPIRED') return result;
    const fresh = await auth.accessToken(true);
    return fresh.ok ? call(fresh.data) : fresh;
  }

  return {
    createMeeting: (settings) => withToken((token) => api.createMeeting(token, settings ?? {})),
    getMeeting: (code) => withToken((token) => api.getMeeting(token, code)),
  };
}
