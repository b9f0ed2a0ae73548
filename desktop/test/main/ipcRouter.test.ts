import { describe, expect, it } from 'vitest';
import { wavaIpc, sharingBarIpc } from '../../src/shared/ipcContract.js';
import { createIpcRouter, IPC_FAILED_MESSAGE, IPC_REFUSED_MESSAGE } from '../../src/main/ipc/IpcRouter.js';
import type { SenderInfo } from '../../src/main/ipc/senderPolicy.js';
import { createMemoryIpc } from './support/memoryIpc.js';
import { createMemoryLogger } from './support/memoryLogger.js';

const MAIN: SenderInfo = { url: 'app://wava/index.html', isMainFrame: true, windowRole: 'main' };
const BAR: SenderInfo = { url: 'app://wava/sharingBar/index.html', isMainFrame: true, windowRole: 'sharing-bar' };

const SIGNED_IN = { ok: true as const, data: { user: { id: 'u1', username: 'ada', displayName: 'Ada' } } };

function setup() {
  const ipc = createMemoryIpc();
  const log = createMemoryLogger();
  const router = createIpcRouter({
    transport: ipc.transport,
    describeSender: (s) => s,
    rendererOrigin: 'app://wava',
    log,
  });
  const calls: unknown[] = [];
  router.handle(wavaIpc.auth.login, 'main', (payload) => {
    calls.push(payload);
    return SIGNED_IN;
  });
  router.on(wavaIpc.shell.presenceChanged, 'main', (payload) => calls.push(payload));
  router.on(sharingBarIpc.stop, 'sharing-bar', (payload) => calls.push(['stop', payload]));
  return { ipc, log, router, calls };
}

const LOGIN = { username: 'ada', password: 'correct horse battery' };

describe('IPC router: senders', () => {
  it('accepts the main frame of our main window on our origin', async () => {
    const { ipc, calls } = setup();
    await expect(ipc.invoke(MAIN, wavaIpc.auth.login.channel, LOGIN)).resolves.toEqual(SIGNED_IN);
    expect(calls).toEqual([LOGIN]);
  });

  it('accepts a client-side route of the main window', async () => {
    const { ipc } = setup();
    await expect(
      ipc.invoke({ ...MAIN, url: 'app://wava/meeting/abc' }, wavaIpc.auth.login.channel, LOGIN),
    ).resolves.toEqual(SIGNED_IN);
  });

  it.each<[string, SenderInfo]>([
    ['a subframe on our origin', { ...MAIN, isMainFrame: false }],
    ['another website in our window', { ...MAIN, url: 'https://evil.example/' }],
    ['a look-alike host', { ...MAIN, url: 'app://wava.evil.example/index.html' }],
    ['a different app:// host', { ...MAIN, url: 'app://evil/index.html' }],
    ['credentials before our host', { ...MAIN, url: 'app://evil@wava/index.html' }],
    ['an upper-case host trick', { ...MAIN, url: 'app://WAVA/index.html' }],
    ['a file:// page', { ...MAIN, url: 'file:///home/user/evil.html' }],
    ['a data: page', { ...MAIN, url: 'data:text/html,<script>1</script>' }],
    ['about:blank', { ...MAIN, url: 'about:blank' }],
    ['a frame that is gone', { url: '', isMainFrame: false, windowRole: null }],
    ['a webContents that is not one of our windows', { ...MAIN, windowRole: null }],
    ['the sharing bar calling a main-window channel', BAR],
    ['the dev server origin in a packaged app', { ...MAIN, url: 'http://localhost:5173/index.html' }],
  ])('refuses and logs %s', async (_name, sender) => {
    const { ipc, calls, log } = setup();
    await expect(ipc.invoke(sender, wavaIpc.auth.login.channel, LOGIN)).rejects.toThrow(IPC_REFUSED_MESSAGE);
    ipc.send(sender, wavaIpc.shell.presenceChanged.channel, {
      inMeeting: true,
      sharingScreen: false,
      meetingCode: 'x',
      participantCount: 2,
    });
    expect(calls).toEqual([]);
    expect(log.lines.filter((line) => line.message === 'IPC refused: untrusted sender')).toHaveLength(2);
  });

  it('accepts Stop only from the sharing bar page, not from the main window or another page in the bar', () => {
    const { ipc, calls } = setup();
    ipc.send(MAIN, sharingBarIpc.stop.channel, {});
    ipc.send({ ...BAR, url: 'app://wava/index.html' }, sharingBarIpc.stop.channel, {});
    expect(calls).toEqual([]);
    ipc.send(BAR, sharingBarIpc.stop.channel, {});
    expect(calls).toEqual([['stop', {}]]);
  });
});

describe('IPC router: payloads', () => {
  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['null', null],
    ['a string', 'ada:password'],
    ['an array', [LOGIN]],
    ['a missing field', { username: 'ada' }],
    ['a wrong type', { username: 'ada', password: 12345678 }],
    ['an extra key', { ...LOGIN, isAdmin: true }],
    ['a prototype key', JSON.parse('{"username":"ada","password":"x","__proto__":{"polluted":1}}')],
    ['an oversized field', { username: 'ada', password: 'x'.repeat(5000) }],
  ])('refuses and logs %s', async (_name, payload) => {
    const { ipc, calls, log } = setup();
    await expect(ipc.invoke(MAIN, wavaIpc.auth.login.channel, payload)).rejects.toThrow(IPC_REFUSED_MESSAGE);
    expect(calls).toEqual([]);
    expect(log.lines.some((line) => line.message === 'IPC refused: invalid payload')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops an invalid fire-and-forget message without calling the handler', () => {
    const { ipc, calls } = setup();
    ipc.send(MAIN, wavaIpc.shell.presenceChanged.channel, { inMeeting: 'yes' });
    ipc.send(MAIN, wavaIpc.shell.presenceChanged.channel, {
      inMeeting: true,
      sharingScreen: false,
      meetingCode: null,
      participantCount: -1,
    });
    expect(calls).toEqual([]);
  });

  it('never logs the password of a refused payload', async () => {
    const { ipc, log } = setup();
    await expect(ipc.invoke(MAIN, wavaIpc.auth.login.channel, { ...LOGIN, extra: 1 })).rejects.toThrow();
    expect(log.text()).not.toContain(LOGIN.password);
  });
});

describe('IPC router: failures and teardown', () => {
  it('answers a failing handler with a plain error and logs the detail', async () => {
    const ipc = createMemoryIpc();
    const log = createMemoryLogger();
    const router = createIpcRouter({
      transport: ipc.transport,
      describeSender: (s) => s,
      rendererOrigin: 'app://wava',
      log,
    });
    router.handle(wavaIpc.auth.restore, 'main', () => {
      throw new Error('disk on fire at /home/ada/.config');
    });
    await expect(ipc.invoke(MAIN, wavaIpc.auth.restore.channel, {})).rejects.toThrow(
      new RegExp(`^${IPC_FAILED_MESSAGE}$`),
    );
    expect(log.text()).toContain('disk on fire');
  });

  it('checks an answer against the contract: extra fields (such as a refresh token) never cross', async () => {
    const { ipc, router, log } = setup();
    router.dispose();
    router.handle(wavaIpc.auth.restore, 'main', () => {
      const leaky = { user: { id: 'u1', username: 'ada', displayName: 'Ada', refreshToken: 'r' }, refreshToken: 'r' };
      return leaky as unknown as { user: { id: string; username: string; displayName: string } };
    });
    await expect(ipc.invoke(MAIN, wavaIpc.auth.restore.channel, {})).rejects.toThrow(IPC_FAILED_MESSAGE);
    expect(log.text()).toContain('does not match the contract');
    router.dispose();
    router.handle(wavaIpc.auth.accessToken, 'main', () => ({ ok: true, data: 'token', extra: 'x' }) as never);
    await expect(ipc.invoke(MAIN, wavaIpc.auth.accessToken.channel, { force: false })).rejects.toThrow(
      IPC_FAILED_MESSAGE,
    );
  });

  it('removes every handler and listener on dispose, and single ones on their own disposer', () => {
    const { ipc, router } = setup();
    expect(ipc.handlerCount()).toBe(1);
    expect(ipc.listenerCount()).toBe(2);
    router.dispose();
    expect(ipc.handlerCount()).toBe(0);
    expect(ipc.listenerCount()).toBe(0);
    const remove = router.handle(wavaIpc.auth.logout, 'main', () => undefined);
    expect(ipc.handlerCount()).toBe(1);
    remove();
    expect(ipc.handlerCount()).toBe(0);
  });
});
