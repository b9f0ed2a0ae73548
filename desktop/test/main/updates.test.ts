import { describe, expect, it } from 'vitest';
import {
  createUpdateController,
  type CancellationLike,
  type UpdaterLike,
} from '../../src/main/updates/UpdateController.js';
import { updateGate, type UpdateGateState } from '../../src/main/updates/updateGate.js';
import { updatesVerifiable } from '../../src/main/updates/updateSigning.js';
import { createPendingWork } from '../../src/main/util/PendingWork.js';
import { waitBeforeQuit } from '../../src/main/util/waitBeforeQuit.js';
import { fakeApp } from './support/fakeApp.js';
import { createMemoryLogger } from './support/memoryLogger.js';

const base: UpdateGateState = {
  disabledByPolicy: false,
  feedConfigured: true,
  signatureVerifiable: true,
  inMeeting: false,
  phase: 'idle',
};

describe('update gate', () => {
  it.each<[string, Partial<UpdateGateState>, Record<keyof typeof updateGate, boolean>]>([
    ['idle', {}, { enabled: true, mayCheck: true, mayDownload: false, mustCancelDownload: false, mayInstall: false }],
    [
      'update found',
      { phase: 'available' },
      { enabled: true, mayCheck: false, mayDownload: true, mustCancelDownload: false, mayInstall: false },
    ],
    [
      'update found in a meeting',
      { phase: 'available', inMeeting: true },
      { enabled: true, mayCheck: false, mayDownload: false, mustCancelDownload: false, mayInstall: false },
    ],
    [
      'downloading when a meeting starts',
      { phase: 'downloading', inMeeting: true },
      { enabled: true, mayCheck: false, mayDownload: false, mustCancelDownload: true, mayInstall: false },
    ],
    [
      'downloaded',
      { phase: 'downloaded' },
      { enabled: true, mayCheck: false, mayDownload: false, mustCancelDownload: false, mayInstall: true },
    ],
    [
      'downloaded, in a meeting',
      { phase: 'downloaded', inMeeting: true },
      { enabled: true, mayCheck: false, mayDownload: false, mustCancelDownload: false, mayInstall: false },
    ],
    [
      'disabled by policy',
      { disabledByPolicy: true, phase: 'downloaded' },
      { enabled: false, mayCheck: false, mayDownload: false, mustCancelDownload: false, mayInstall: false },
    ],
    [
      'no feed',
      { feedConfigured: false },
      { enabled: false, mayCheck: false, mayDownload: false, mustCancelDownload: false, mayInstall: false },
    ],
    [
      'a feed, but the build is not code-signed',
      { signatureVerifiable: false, phase: 'downloaded' },
      { enabled: false, mayCheck: false, mayDownload: false, mustCancelDownload: false, mayInstall: false },
    ],
    [
      'after an error',
      { phase: 'error' },
      { enabled: true, mayCheck: true, mayDownload: false, mustCancelDownload: false, mayInstall: false },
    ],
  ])('%s', (_name, overrides, expected) => {
    const state = { ...base, ...overrides };
    const actual = Object.fromEntries(Object.entries(updateGate).map(([rule, check]) => [rule, check(state)]));
    expect(actual).toEqual(expected);
  });
});

/** electron-updater's AppUpdater as a small scripted double: it cannot load without Electron. */
function fakeUpdater() {
  const listeners = new Map<string, Array<(arg?: unknown) => void>>();
  const calls: string[] = [];
  const downloads: Array<{ token: CancellationLike | undefined; reject(error: Error): void; resolve(): void }> = [];
  const updater: UpdaterLike = {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    checkForUpdates: async () => void calls.push('check'),
    downloadUpdate: (token) => {
      calls.push('download');
      return new Promise((resolve, reject) => downloads.push({ token, resolve: () => resolve([]), reject }));
    },
    quitAndInstall: () => void calls.push('install'),
    on: (event: string, listener: (error: Error) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (arg?: unknown) => void]);
      return updater;
    },
  };
  const emit = (event: string, arg?: unknown) => listeners.get(event)?.forEach((listener) => listener(arg));
  return { updater, calls, downloads, emit, listenerCount: () => listeners.size };
}

function controller(
  options: { disabledByPolicy?: boolean; feedConfigured?: boolean; signatureVerifiable?: boolean } = {},
) {
  const fake = fakeUpdater();
  const cancelled: number[] = [];
  let tokens = 0;
  const ready: boolean[] = [];
  const log = createMemoryLogger();
  const updates = createUpdateController({
    updater: fake.updater,
    newCancellation: () => {
      const id = ++tokens;
      return { cancel: () => void cancelled.push(id) };
    },
    disabledByPolicy: options.disabledByPolicy ?? false,
    feedConfigured: options.feedConfigured ?? true,
    signatureVerifiable: options.signatureVerifiable ?? true,
    // No sign-out pending: "Restart to Update" installs at once (updateInstallQuit.test covers the wait).
    quitWait: waitBeforeQuit(fakeApp().app, createPendingWork(log), { log }),
    log,
    onReadyChanged: (value) => void ready.push(value),
  });
  return { ...fake, updates, cancelled, ready, log };
}

describe('update controller: nothing installs during a meeting', () => {
  it('never downloads by itself: the gate decides', () => {
    const { updater } = controller();
    expect(updater.autoDownload).toBe(false);
  });

  it('checks, downloads when not in a meeting, then offers the restart and installs on quit', () => {
    const { updates, calls, emit, ready, updater } = controller();
    updates.check();
    emit('update-available');
    expect(calls).toEqual(['check', 'download']);
    emit('update-downloaded');
    expect(ready).toEqual([true]);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updates.installNow()).toBe(true);
    expect(calls).toEqual(['check', 'download', 'install']);
  });

  it('waits for the meeting to end before downloading', () => {
    const { updates, calls, emit } = controller();
    updates.setInMeeting(true);
    updates.check();
    emit('update-available');
    expect(calls).toEqual(['check']);
    updates.setInMeeting(false);
    expect(calls).toEqual(['check', 'download']);
  });

  it('cancels a download when a meeting starts, and resumes it afterwards', () => {
    const { updates, calls, emit, cancelled } = controller();
    updates.check();
    emit('update-available');
    updates.setInMeeting(true);
    expect(cancelled).toEqual([1]);
    expect(updates.state().phase).toBe('available');
    updates.setInMeeting(false);
    expect(calls).toEqual(['check', 'download', 'download']);
  });

  it('does not install on quit or on request during a meeting, and offers it again afterwards', () => {
    const { updates, calls, emit, ready, updater } = controller();
    updates.check();
    emit('update-available');
    emit('update-downloaded');
    updates.setInMeeting(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updates.installNow()).toBe(false);
    expect(calls).not.toContain('install');
    updates.setInMeeting(false);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(ready).toEqual([true, false, true]);
  });

  it.each<[string, Parameters<typeof controller>[0], RegExp]>([
    ['policy disables updates', { disabledByPolicy: true }, /disabled by policy/],
    ['the build is not code-signed, even with a feed from policy', { signatureVerifiable: false }, /not code-signed/],
  ])('does nothing at all when %s', (_name, options, logged) => {
    const { updates, calls, emit, updater, listenerCount, log } = controller(options);
    updates.check();
    emit('update-available');
    emit('update-downloaded');
    expect(calls).toEqual([]);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updates.installNow()).toBe(false);
    expect(updates.enabled).toBe(false);
    expect(listenerCount()).toBe(0);
    expect(log.text()).toMatch(logged);
  });

  it('does nothing without a feed (development builds)', () => {
    const { updates, calls } = controller({ feedConfigured: false });
    updates.check();
    expect(calls).toEqual([]);
  });

  it('recovers from a failed check or download on the next check', async () => {
    const { updates, calls, emit, downloads } = controller();
    updates.check();
    emit('error', new Error('offline'));
    expect(updates.state().phase).toBe('error');
    updates.check();
    emit('update-available');
    downloads[0]?.reject(new Error('connection reset'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(updates.state().phase).toBe('error');
    updates.check();
    expect(calls.filter((call) => call === 'check')).toHaveLength(3);
  });
});

/** resources/app-update.yml as electron-builder writes it, for a signed and an unsigned Windows build. */
const SIGNED_YML = [
  'provider: generic',
  'url: https://updates.example.com/wava',
  'publisherName:',
  '  - Wava Ltd',
  'updaterCacheDirName: wava-updater',
  '',
].join('\n');
const UNSIGNED_YML = [
  'provider: generic',
  'url: https://updates.example.com/wava',
  'updaterCacheDirName: wava-updater',
  '',
].join('\n');

describe('which builds may update themselves (code signing)', () => {
  it.each<[string, NodeJS.Platform, string | null, boolean]>([
    ['a signed Windows build (publisherName written by electron-builder)', 'win32', SIGNED_YML, true],
    ['a signed Windows build, publisher inline', 'win32', 'publisherName: Wava Ltd\r\nprovider: generic\r\n', true],
    ['an unsigned Windows build with a built-in feed', 'win32', UNSIGNED_YML, false],
    ['an unsigned Windows build given a feed only by policy (no app-update.yml)', 'win32', null, false],
    ['a Windows build whose publisherName is empty', 'win32', 'publisherName: []\nprovider: generic\n', false],
    ['a Windows build whose publisherName is null', 'win32', 'publisherName: null\n', false],
    ['a Windows build with publisherName only nested', 'win32', 'extra:\n  publisherName: x\n', false],
    ['macOS (Squirrel.Mac checks the signature itself)', 'darwin', null, true],
    ['Linux', 'linux', UNSIGNED_YML, true],
  ])('%s', (_name, platform, yml, expected) => {
    expect(updatesVerifiable(platform, yml)).toBe(expected);
  });
});
