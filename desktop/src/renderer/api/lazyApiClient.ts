import type { ApiClient, FetchLike } from '@wava/protocol';
import { apiError } from '@wava/protocol/plain';
import { loadValidation } from './loadValidation.js';

/** Every method of ApiClient (a missing or extra one does not compile). */
const METHODS: Record<keyof ApiClient, null> = {
  register: null,
  login: null,
  refresh: null,
  logout: null,
  me: null,
  createMeeting: null,
  getMeeting: null,
  endMeeting: null,
  meetingStatus: null,
  ice: null,
  config: null,
  health: null,
  guestSession: null,
};

/**
 * protocol's `createApiClient`, whose code (and zod, which checks every answer) is loaded on its first request
 * rather than with the page. When that code cannot be loaded, the request answers RELOAD_NEEDED: the server may be
 * reachable while the page's chunk is gone (a new build), and the person's way out is a reload.
 */
export function lazyApiClient(baseUrl: string, fetchImpl?: FetchLike): ApiClient {
  let client: Promise<ApiClient> | null = null;
  const ready = () => {
    client ??= loadValidation().then((validation) => validation.createApiClient(baseUrl, fetchImpl));
    return client;
  };
  const call = async (name: keyof ApiClient, args: unknown[]) => {
    let loaded: ApiClient;
    try {
      loaded = await ready();
    } catch {
      client = null;
      return { ok: false as const, error: apiError('RELOAD_NEEDED') };
    }
    return (loaded[name] as (...params: unknown[]) => Promise<unknown>)(...args);
  };
  const methods = Object.keys(METHODS).map((name) => [
    name,
    (...args: unknown[]) => call(name as keyof ApiClient, args),
  ]);
  return Object.fromEntries(methods) as ApiClient;
}
