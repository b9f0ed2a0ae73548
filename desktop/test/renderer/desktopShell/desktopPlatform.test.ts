import { describe, expect, it, vi } from 'vitest';
import { wavaIpc } from '../../../src/shared/ipcContract.js';
import { createDesktopPlatform, desktopBridge } from '../../../src/renderer/platform/desktopPlatform.js';
import { createFakeBridge } from './fakeBridge.js';

describe('desktop platform over window.wava', () => {
  it('is found only when the preload exposed a version-1 bridge', () => {
    const { bridge } = createFakeBridge();
    expect(desktopBridge({ wava: bridge } as unknown as Window)).toBe(bridge);
    expect(desktopBridge({} as Window)).toBeNull();
    expect(desktopBridge({ wava: { version: 2 } } as unknown as Window)).toBeNull();
  });

  it('signs in through the main process and gets the server\u2019s sentence back', async () => {
    const fake = createFakeBridge();
    const platform = createDesktopPlatform(fake.bridge);
    expect(platform.kind).toBe('desktop');
    expect(await platform.serverUrl()).toBe('https://meet.example.com');
    const result = await platform.auth.login({ username: 'ada', password: 'wrong-password' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(await platform.auth.accessToken()).toEqual({ ok: true, data: 'access-token' });
    expect(fake.calls).toContainEqual(['accessToken', false]);
  });

  it('turns a refused or failed IPC call into an error result, never an exception', async () => {
    const fake = createFakeBridge();
    fake.bridge.auth.login = async () => Promise.reject(new Error('Request refused'));
    fake.bridge.auth.restore = async () => Promise.reject(new Error('Request failed'));
    const platform = createDesktopPlatform(fake.bridge);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(platform.auth.login({ username: 'a', password: 'b' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    await expect(platform.auth.restore()).resolves.toBeNull();
  });

  it('delivers valid invites and shell commands, and drops malformed events', () => {
    const fake = createFakeBridge();
    const platform = createDesktopPlatform(fake.bridge);
    const invites: string[] = [];
    const commands: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stopInvites = platform.onInvite((code) => invites.push(code));
    platform.onCommand((command) => commands.push(command));
    fake.emit(wavaIpc.shell.onInvite, { code: 'abc-defg-hij' });
    fake.emit(wavaIpc.shell.onInvite, { code: 42 });
    fake.emit(wavaIpc.shell.onInvite, 'abc-defg-hij');
    fake.emit(wavaIpc.shell.onCommand, { command: 'toggle-microphone' });
    fake.emit(wavaIpc.shell.onCommand, { command: 'rm -rf /' });
    expect(invites).toEqual(['abc-defg-hij']);
    expect(commands).toEqual(['toggle-microphone']);
    stopInvites();
    expect(fake.listenerCount(wavaIpc.shell.onInvite)).toBe(0);
  });

  it('passes presence and notifications on, trimmed to what main accepts', () => {
    const fake = createFakeBridge();
    const platform = createDesktopPlatform(fake.bridge);
    platform.presenceChanged({
      inMeeting: true,
      sharingScreen: true,
      meetingCode: 'abc-defg-hij',
      participantCount: 3,
    });
    platform.notify('Grace joined', 'x'.repeat(5000));
    platform.notify('   ', 'no title: not sent');
    expect(fake.calls.filter(([name]) => name === 'notify')).toEqual([
      ['notify', { title: 'Grace joined', body: 'x'.repeat(1000) }],
    ]);
    expect(fake.calls).toContainEqual([
      'presence',
      { inMeeting: true, sharingScreen: true, meetingCode: 'abc-defg-hij', participantCount: 3 },
    ]);
  });

  it('offers the server address setting', async () => {
    const fake = createFakeBridge();
    const settings = createDesktopPlatform(fake.bridge).serverSettings;
    expect(await settings?.current()).toEqual({ url: 'https://meet.example.com', source: 'user', locked: false });
    await settings?.change('https://other.example');
    expect(fake.calls).toContainEqual(['server.change', 'https://other.example']);
  });

  it('reports how the sign-in is kept, and passes on only well-formed changes', async () => {
    const fake = createFakeBridge();
    const storage = createDesktopPlatform(fake.bridge).signInStorage;
    expect(await storage?.current()).toMatchObject({ protection: 'os-keystore', persisted: true });
    const seen: unknown[] = [];
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stop = storage?.onChanged((status) => seen.push(status));
    const basicText = { protection: 'basic-text', persisted: false, insecureOptIn: false, optInAllowed: true };
    fake.emit(wavaIpc.auth.onStorageChanged, basicText);
    fake.emit(wavaIpc.auth.onStorageChanged, { ...basicText, protection: 'plain-text-please' });
    expect(seen).toEqual([basicText]);
    stop?.();
    expect(fake.listenerCount(wavaIpc.auth.onStorageChanged)).toBe(0);
  });
});
