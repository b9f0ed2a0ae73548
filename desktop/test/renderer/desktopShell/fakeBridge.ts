import { apiError } from '@wava/protocol';
import { wavaIpc } from '../../../src/shared/ipcContract.js';
import type { BridgeListener, WavaBridge } from '../../../src/shared/WavaBridge.js';

/**
 * A stand-in for the preload's `window.wava` (Electron cannot run here): it records what the renderer asks
 * and lets a test fire main -> renderer events, by the same channel names the preload uses.
 */
export function createFakeBridge() {
  const listeners = new Map<string, Set<BridgeListener>>();
  const calls: Array<[string, unknown]> = [];
  const subscribe =
    ({ channel }: { channel: string }) =>
    (listener: BridgeListener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
      return () => void listeners.get(channel)?.delete(listener);
    };
  const record =
    <T>(name: string, result: T) =>
    async (arg?: unknown): Promise<T> => {
      calls.push([name, arg]);
      return result;
    };
  const server = { url: 'https://meet.example.com', source: 'user' as const, locked: false };
  const bridge: WavaBridge = {
    version: 1,
    auth: {
      register: record('register', {
        ok: true as const,
        data: { user: { id: 'u1', username: 'ada', displayName: 'Ada' } },
      }),
      login: record('login', { ok: false as const, error: apiError('INVALID_CREDENTIALS') }),
      restore: record('restore', null),
      accessToken: async ({ force }) => {
        calls.push(['accessToken', force]);
        return { ok: true as const, data: 'access-token' };
      },
      logout: record('logout', undefined),
      storage: record('storage', {
        protection: 'os-keystore' as const,
        persisted: true,
        insecureOptIn: false,
        optInAllowed: true,
      }),
      onStorageChanged: subscribe(wavaIpc.auth.onStorageChanged),
    },
    server: {
      current: record('server.current', server),
      change: async ({ url }) => {
        calls.push(['server.change', url]);
        return { ok: true as const, data: server };
      },
    },
    shell: {
      onInvite: subscribe(wavaIpc.shell.onInvite),
      onCommand: subscribe(wavaIpc.shell.onCommand),
      presenceChanged: (presence) => void calls.push(['presence', presence]),
      notify: (notification) => void calls.push(['notify', notification]),
    },
    screenPicker: {
      onRequest: subscribe(wavaIpc.screenPicker.onRequest),
      onCancel: subscribe(wavaIpc.screenPicker.onCancel),
      answer: record('answer', undefined),
    },
  };
  return {
    bridge,
    calls,
    answers: () => calls.filter(([name]) => name === 'answer').map(([, arg]) => arg),
    emit: ({ channel }: { channel: string }, payload: unknown) =>
      listeners.get(channel)?.forEach((listener) => listener(payload)),
    listenerCount: ({ channel }: { channel: string }) => listeners.get(channel)?.size ?? 0,
  };
}
