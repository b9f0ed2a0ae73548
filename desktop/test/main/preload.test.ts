import { beforeEach, describe, expect, it, vi } from 'vitest';
import { allIpcEntries, sharingBarIpc, wavaIpc } from '../../src/shared/ipcContract.js';
import { ipcSchemas } from '../../src/shared/ipcSchemaRegistry.js';
import type { WavaBridge } from '../../src/shared/WavaBridge.js';

/**
 * The preloads run against a stand-in for Electron's contextBridge and ipcRenderer (Electron cannot run here):
 * the test sees exactly what they expose and what they send.
 */
const bridge = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const sent: Array<{ kind: 'invoke' | 'send'; channel: string; payload: unknown }> = [];
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  return { exposed, sent, listeners };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (channel: string, payload: unknown) => void bridge.sent.push({ kind: 'invoke', channel, payload }),
    send: (channel: string, payload: unknown) => void bridge.sent.push({ kind: 'send', channel, payload }),
    on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
      if (!bridge.listeners.has(channel)) bridge.listeners.set(channel, new Set());
      bridge.listeners.get(channel)?.add(listener);
    },
    removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) =>
      bridge.listeners.get(channel)?.delete(listener),
  },
}));

function shape(value: unknown): unknown {
  if (typeof value === 'function') return 'function';
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return value;
}

describe('the main window preload', () => {
  beforeEach(async () => {
    bridge.exposed.clear();
    bridge.sent.length = 0;
    bridge.listeners.clear();
    vi.resetModules();
    await import('../../src/preload/index.js');
  });

  it('exposes window.wava with named functions only: no ipcRenderer, no generic send', () => {
    expect([...bridge.exposed.keys()]).toEqual(['wava']);
    expect(shape(bridge.exposed.get('wava'))).toEqual({
      version: 1,
      auth: {
        register: 'function',
        login: 'function',
        restore: 'function',
        accessToken: 'function',
        logout: 'function',
        storage: 'function',
        onStorageChanged: 'function',
      },
      server: { current: 'function', change: 'function' },
      shell: { onInvite: 'function', onCommand: 'function', presenceChanged: 'function', notify: 'function' },
      screenPicker: { onRequest: 'function', onCancel: 'function', answer: 'function' },
    });
  });

  it('sends on the channels the main process validates, with payloads its schemas accept', async () => {
    const wava = bridge.exposed.get('wava') as WavaBridge;
    await wava.auth.login({ username: 'ada', password: 'secret-password' });
    await wava.auth.register({ username: 'ada', displayName: 'Ada', password: 'secret-password' });
    await wava.auth.restore();
    await wava.auth.accessToken({ force: true });
    await wava.auth.logout();
    await wava.auth.storage();
    await wava.server.current();
    await wava.server.change({ url: 'https://meet.example.com' });
    await wava.screenPicker.answer({ requestId: 'r1', choice: null });
    wava.shell.presenceChanged({
      inMeeting: true,
      sharingScreen: false,
      meetingCode: 'abc-defg-hij',
      participantCount: 2,
    });
    wava.shell.notify({ title: 'Grace joined', body: 'Grace Hopper joined the meeting' });
    for (const message of bridge.sent) {
      const entry = allIpcEntries.find((candidate) => candidate.channel === message.channel);
      expect(entry?.kind, message.channel).toBe(message.kind);
      const schema = entry && entry.kind !== 'event' ? ipcSchemas[entry.request] : null;
      expect(schema?.safeParse(message.payload).success, message.channel).toBe(true);
    }
    const invokeChannels = allIpcEntries.filter((entry) => entry.kind === 'invoke').map((entry) => entry.channel);
    expect(new Set(bridge.sent.map((message) => message.channel))).toEqual(
      new Set([...invokeChannels, wavaIpc.shell.presenceChanged.channel, wavaIpc.shell.notify.channel]),
    );
  });

  it('hands listeners the payload only, never the IPC event (which reaches the sender webContents)', () => {
    const wava = bridge.exposed.get('wava') as WavaBridge;
    const received: unknown[][] = [];
    const unsubscribe = wava.shell.onCommand((...args: unknown[]) => void received.push(args));
    const fakeEvent = { sender: { send: () => 'owned' } };
    bridge.listeners
      .get(wavaIpc.shell.onCommand.channel)
      ?.forEach((listener) => listener(fakeEvent, { command: 'toggle-camera' }));
    expect(received).toEqual([[{ command: 'toggle-camera' }]]);
    unsubscribe();
    expect(bridge.listeners.get(wavaIpc.shell.onCommand.channel)?.size).toBe(0);
  });

  it('keeps an invite that arrives before the app subscribes, and hands it to the first subscriber once', () => {
    const wava = bridge.exposed.get('wava') as WavaBridge;
    const fire = (code: string) =>
      bridge.listeners.get(wavaIpc.shell.onInvite.channel)?.forEach((listener) => listener({}, { code }));
    fire('old-link');
    fire('abc-defg-hij');
    const first: unknown[][] = [];
    const second: unknown[][] = [];
    const stop = wava.shell.onInvite((...args: unknown[]) => void first.push(args));
    wava.shell.onInvite((...args: unknown[]) => void second.push(args));
    expect(first).toEqual([[{ code: 'abc-defg-hij' }]]);
    expect(second).toEqual([]);
    fire('zzz-zzzz-zzz');
    expect(first).toHaveLength(2);
    expect(second).toEqual([[{ code: 'zzz-zzzz-zzz' }]]);
    stop();
  });
});

describe('the sharing bar preload', () => {
  it('exposes one function, Stop, on its own key', async () => {
    bridge.exposed.clear();
    bridge.sent.length = 0;
    vi.resetModules();
    await import('../../src/preload/sharingBar.js');
    expect(shape(Object.fromEntries(bridge.exposed))).toEqual({ wavaSharingBar: { version: 1, stop: 'function' } });
    (bridge.exposed.get('wavaSharingBar') as { stop(): void }).stop();
    expect(bridge.sent).toEqual([{ kind: 'send', channel: sharingBarIpc.stop.channel, payload: {} }]);
  });
});
