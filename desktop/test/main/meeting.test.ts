import { describe, expect, it } from 'vitest';
import { closeAction, closeChoiceFromButton, closePrompt, shouldNotify } from '../../src/main/meeting/closePolicy.js';
import { createDisplaySleepGuard, type PowerSaveBlockerLike } from '../../src/main/meeting/DisplaySleepGuard.js';
import { createPresenceStore, NOT_IN_MEETING } from '../../src/main/meeting/PresenceStore.js';

const IN_MEETING = { inMeeting: true, sharingScreen: false, meetingCode: 'abc-defg-hij', participantCount: 3 };

/** Electron's powerSaveBlocker, as a small state machine (the real one needs Electron). */
function blocker() {
  let next = 1;
  const active = new Map<number, string>();
  const api: PowerSaveBlockerLike & { active: typeof active } = {
    active,
    start: (type) => {
      active.set(next, type);
      return next++;
    },
    stop: (id) => active.delete(id),
    isStarted: (id) => active.has(id),
  };
  return api;
}

describe('display sleep during a meeting', () => {
  it('keeps the display awake while in a meeting, once, and lets it sleep after', () => {
    const power = blocker();
    const guard = createDisplaySleepGuard(power);
    guard.update(true);
    guard.update(true);
    expect([...power.active.values()]).toEqual(['prevent-display-sleep']);
    guard.update(false);
    expect(power.active.size).toBe(0);
  });

  it('releases the blocker when torn down', () => {
    const power = blocker();
    const guard = createDisplaySleepGuard(power);
    guard.update(true);
    guard.dispose();
    expect(power.active.size).toBe(0);
  });
});

describe('presence store', () => {
  it('tells listeners the new and previous presence, and cannot claim sharing outside a meeting', () => {
    const store = createPresenceStore();
    const seen: Array<[boolean, boolean]> = [];
    store.onChange((now, before) => seen.push([now.inMeeting, before.inMeeting]));
    store.set(IN_MEETING);
    store.set({ ...NOT_IN_MEETING, sharingScreen: true });
    expect(seen).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(store.get().sharingScreen).toBe(false);
  });
});

describe('closing the window', () => {
  it.each<[boolean, boolean, NodeJS.Platform, string]>([
    [true, false, 'win32', 'ask'],
    [true, false, 'darwin', 'ask'],
    [true, false, 'linux', 'ask'],
    [false, false, 'win32', 'close'],
    [false, false, 'linux', 'close'],
    [false, false, 'darwin', 'hide'],
    [true, true, 'win32', 'close'],
  ])('in meeting %s, quitting %s, on %s -> %s', (inMeeting, quitting, platform, action) => {
    expect(closeAction({ inMeeting, quitting, platform })).toBe(action);
  });

  it('offers leave, keep running in the tray, or cancel; anything else is cancel', () => {
    expect(closePrompt().buttons.map((button) => button.label)).toEqual([
      'Leave meeting',
      'Keep running in tray',
      'Cancel',
    ]);
    expect([0, 1, 2, 3, -1].map(closeChoiceFromButton)).toEqual([
      'leave',
      'keep-in-tray',
      'cancel',
      'cancel',
      'cancel',
    ]);
  });
});

describe('join/leave notifications', () => {
  it('appear only when the window is not focused and the OS supports them', () => {
    expect(shouldNotify({ windowFocused: false, supported: true })).toBe(true);
    expect(shouldNotify({ windowFocused: true, supported: true })).toBe(false);
    expect(shouldNotify({ windowFocused: false, supported: false })).toBe(false);
  });
});
