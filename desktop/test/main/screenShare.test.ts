import { describe, expect, it } from 'vitest';
import { screenPickerRequestSchema, type ScreenPickerRequest } from '../../src/shared/ipcSchemas.js';
import { captureStrategy, screenAccessStep, systemAudioSupported } from '../../src/main/screenShare/capturePlatform.js';
import { decideDisplayMedia, type DisplayMediaDeps } from '../../src/main/screenShare/decideDisplayMedia.js';
import { createPickerBroker } from '../../src/main/screenShare/PickerBroker.js';
import { toPickerSources } from '../../src/main/screenShare/screenSources.js';
import { createMemoryLogger } from './support/memoryLogger.js';
import { source } from './support/nativeImage.js';

const SOURCES = [
  source('window:1234:0', 'Quarterly report.xlsx - Excel', { icon: true }),
  source('screen:0:0', 'Entire screen'),
  source('window:777:0', 'Wava - sharing'),
  source('screen:1:0', ''),
  source('window:55:0', '   ', { thumbnail: false }),
  source('tab:1', 'a tab'),
];

describe('desktopCapturer sources -> picker items', () => {
  const items = toPickerSources(SOURCES, new Set(['window:777:0']));

  it('lists screens first, then windows, leaving out our own sharing bar and unknown kinds', () => {
    expect(items.map((item) => item.id)).toEqual(['screen:0:0', 'screen:1:0', 'window:1234:0', 'window:55:0']);
  });

  it('names unnamed screens and windows', () => {
    expect(items.map((item) => item.name)).toEqual([
      'Entire screen',
      'Screen 2',
      'Quarterly report.xlsx - Excel',
      'Untitled window',
    ]);
  });

  it('sends thumbnails as JPEG data URLs, icons as PNG, and null for empty pictures', () => {
    expect(items[0]?.thumbnail).toMatch(/^data:image\/jpeg;base64,/);
    expect(items[2]?.appIcon).toMatch(/^data:image\/png;base64,/);
    expect(items[0]?.appIcon).toBeNull();
    expect(items[3]?.thumbnail).toBeNull();
  });

  it('produces exactly what the renderer\u2019s schema accepts', () => {
    const request: ScreenPickerRequest = { requestId: 'r1', sources: items, systemAudioAvailable: false };
    expect(screenPickerRequestSchema.parse(request)).toEqual(request);
  });

  it('base64-encodes whatever the OS returns, so a thumbnail cannot break out of an img src', () => {
    const odd = {
      ...source('screen:9:0', 'x'),
      thumbnail: { isEmpty: () => false, toDataURL: () => '', toJPEG: () => Buffer.from('"><script>') },
    };
    const [item] = toPickerSources([odd], new Set());
    expect(item?.thumbnail).toMatch(/^data:image\/jpeg;base64,[A-Za-z0-9+/=]+$/);
  });
});

function broker(options: { show?: boolean } = {}) {
  const shown: ScreenPickerRequest[] = [];
  const hidden: string[] = [];
  const timers: Array<() => void> = [];
  let id = 0;
  const picker = createPickerBroker({
    show: (request) => {
      shown.push(request);
      return options.show ?? true;
    },
    hide: (requestId) => void hidden.push(requestId),
    newId: () => `req-${++id}`,
    log: createMemoryLogger(),
    setTimer: (run) => timers.push(run),
    clearTimer: () => undefined,
  });
  return { picker, shown, hidden, fireTimeout: () => timers.forEach((run) => run()) };
}

const ITEMS = toPickerSources(SOURCES, new Set());

describe('picker broker: every request is answered exactly once', () => {
  it('resolves with the person\u2019s choice', async () => {
    const { picker, shown } = broker();
    const answer = picker.ask(ITEMS, true);
    expect(shown[0]).toMatchObject({ requestId: 'req-1', systemAudioAvailable: true });
    picker.answer({ requestId: 'req-1', choice: { sourceId: 'screen:0:0', shareSystemAudio: true } });
    await expect(answer).resolves.toEqual({ sourceId: 'screen:0:0', shareSystemAudio: true });
  });

  it('resolves null on cancel', async () => {
    const { picker } = broker();
    const answer = picker.ask(ITEMS, false);
    picker.answer({ requestId: 'req-1', choice: null });
    await expect(answer).resolves.toBeNull();
  });

  it('resolves null on timeout and closes the picker in the renderer', async () => {
    const { picker, hidden, fireTimeout } = broker();
    const answer = picker.ask(ITEMS, false);
    fireTimeout();
    await expect(answer).resolves.toBeNull();
    expect(hidden).toEqual(['req-1']);
  });

  it('resolves null at once when there is no window to ask', async () => {
    const { picker } = broker({ show: false });
    await expect(picker.ask(ITEMS, false)).resolves.toBeNull();
  });

  it('resolves every open request with null when the window closes', async () => {
    const { picker, hidden } = broker();
    const answers = [picker.ask(ITEMS, false), picker.ask(ITEMS, false)];
    picker.cancelAll();
    await expect(Promise.all(answers)).resolves.toEqual([null, null]);
    expect(hidden).toEqual(['req-1', 'req-2']);
  });

  it('treats a source that was never offered as a cancel (the renderer cannot pick arbitrary windows)', async () => {
    const { picker } = broker();
    const answer = picker.ask(ITEMS, false);
    picker.answer({ requestId: 'req-1', choice: { sourceId: 'window:666:0', shareSystemAudio: false } });
    await expect(answer).resolves.toBeNull();
  });

  it('ignores answers to unknown or already answered requests, and a late timeout', async () => {
    const { picker, fireTimeout } = broker();
    const answer = picker.ask(ITEMS, false);
    picker.answer({ requestId: 'req-999', choice: { sourceId: 'screen:0:0', shareSystemAudio: false } });
    picker.answer({ requestId: 'req-1', choice: { sourceId: 'screen:0:0', shareSystemAudio: false } });
    picker.answer({ requestId: 'req-1', choice: null });
    fireTimeout();
    await expect(answer).resolves.toEqual({ sourceId: 'screen:0:0', shareSystemAudio: false });
  });

  it('never grants system audio where it was not offered', async () => {
    const { picker } = broker();
    const answer = picker.ask(ITEMS, false);
    picker.answer({ requestId: 'req-1', choice: { sourceId: 'screen:0:0', shareSystemAudio: true } });
    await expect(answer).resolves.toEqual({ sourceId: 'screen:0:0', shareSystemAudio: false });
  });
});

function displayDeps(overrides: Partial<DisplayMediaDeps> = {}) {
  const calls = { getSources: 0, ask: 0, explained: 0 };
  const deps: DisplayMediaDeps = {
    platform: 'win32',
    strategy: 'own-picker',
    systemAudioSupported: true,
    requestIsTrusted: true,
    screenAccess: () => null,
    explainScreenAccess: () => void (calls.explained += 1),
    getSources: async () => {
      calls.getSources += 1;
      return SOURCES;
    },
    excludedSourceIds: () => new Set(['window:777:0']),
    ask: async () => {
      calls.ask += 1;
      return { sourceId: 'window:1234:0', shareSystemAudio: true };
    },
    log: createMemoryLogger(),
    ...overrides,
  };
  return { deps, calls };
}

const REQUEST = { videoRequested: true, audioRequested: true };

describe('answering getDisplayMedia', () => {
  it('shares the chosen window with system audio on Windows', async () => {
    const { deps } = displayDeps();
    await expect(decideDisplayMedia(REQUEST, deps)).resolves.toEqual({
      video: { id: 'window:1234:0', name: 'Quarterly report.xlsx - Excel' },
      audio: 'loopback',
    });
  });

  it('shares video only when the page did not ask for audio, or the platform cannot', async () => {
    expect(await decideDisplayMedia({ ...REQUEST, audioRequested: false }, displayDeps().deps)).not.toHaveProperty(
      'audio',
    );
    expect(await decideDisplayMedia(REQUEST, displayDeps({ systemAudioSupported: false }).deps)).not.toHaveProperty(
      'audio',
    );
  });

  it('cancels when the person cancels', async () => {
    await expect(decideDisplayMedia(REQUEST, displayDeps({ ask: async () => null }).deps)).resolves.toBeNull();
  });

  it('refuses a request from an untrusted frame without listing anything', async () => {
    const { deps, calls } = displayDeps({ requestIsTrusted: false });
    await expect(decideDisplayMedia(REQUEST, deps)).resolves.toBeNull();
    expect(calls).toEqual({ getSources: 0, ask: 0, explained: 0 });
  });

  it('on macOS without screen-recording permission: explains how to grant it, lists nothing', async () => {
    const { deps, calls } = displayDeps({ platform: 'darwin', screenAccess: () => 'denied' });
    await expect(decideDisplayMedia(REQUEST, deps)).resolves.toBeNull();
    expect(calls).toEqual({ getSources: 0, ask: 0, explained: 1 });
  });

  it('on macOS with permission not yet asked: goes on (the OS asks when sources are listed)', async () => {
    const { deps, calls } = displayDeps({
      platform: 'darwin',
      screenAccess: () => 'not-determined',
      systemAudioSupported: false,
    });
    await expect(decideDisplayMedia(REQUEST, deps)).resolves.toMatchObject({ video: { id: 'window:1234:0' } });
    expect(calls.explained).toBe(0);
  });

  it('on Wayland: the system picker inside getSources is the only picker; its one source is used', async () => {
    const { deps, calls } = displayDeps({
      platform: 'linux',
      strategy: 'portal',
      systemAudioSupported: false,
      getSources: async () => [source('screen:87:0', 'PipeWire')],
    });
    await expect(decideDisplayMedia(REQUEST, deps)).resolves.toEqual({
      video: { id: 'screen:87:0', name: 'PipeWire' },
    });
    expect(calls.ask).toBe(0);
  });

  it('on Wayland: cancelling the system picker cancels', async () => {
    const { deps } = displayDeps({ strategy: 'portal', getSources: async () => [] });
    await expect(decideDisplayMedia(REQUEST, deps)).resolves.toBeNull();
  });

  it('cancels when there is nothing to share, and when the chosen source vanished', async () => {
    await expect(decideDisplayMedia(REQUEST, displayDeps({ getSources: async () => [] }).deps)).resolves.toBeNull();
    const vanished = displayDeps({ ask: async () => ({ sourceId: 'screen:42:0', shareSystemAudio: false }) });
    await expect(decideDisplayMedia(REQUEST, vanished.deps)).resolves.toBeNull();
  });
});

describe('capture platform rules', () => {
  it.each<[NodeJS.Platform, Record<string, string>, string[], string]>([
    ['win32', { XDG_SESSION_TYPE: 'wayland' }, [], 'own-picker'],
    ['darwin', {}, [], 'own-picker'],
    ['linux', { XDG_SESSION_TYPE: 'x11' }, [], 'own-picker'],
    ['linux', { XDG_SESSION_TYPE: 'wayland' }, [], 'portal'],
    ['linux', {}, ['--ozone-platform=wayland'], 'portal'],
    ['linux', { ELECTRON_OZONE_PLATFORM_HINT: 'auto', WAYLAND_DISPLAY: 'wayland-0' }, [], 'portal'],
    ['linux', { ELECTRON_OZONE_PLATFORM_HINT: 'auto' }, [], 'own-picker'],
  ])('%s %j %j -> %s', (platform, env, argv, strategy) => {
    expect(captureStrategy(platform, env, argv)).toBe(strategy);
  });

  it('offers system audio on Windows only', () => {
    expect([systemAudioSupported('win32'), systemAudioSupported('darwin'), systemAudioSupported('linux')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it.each<[NodeJS.Platform, Parameters<typeof screenAccessStep>[1], string]>([
    ['darwin', 'granted', 'proceed'],
    ['darwin', 'not-determined', 'proceed'],
    ['darwin', 'denied', 'explain'],
    ['darwin', 'restricted', 'explain'],
    ['darwin', 'unknown', 'proceed'],
    ['win32', null, 'proceed'],
  ])('screen access on %s, %s -> %s', (platform, status, step) => {
    expect(screenAccessStep(platform, status)).toBe(step);
  });
});
