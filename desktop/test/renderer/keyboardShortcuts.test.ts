import { afterEach, describe, expect, it } from 'vitest';
import { MEETING_SHORTCUTS } from '../../src/shared/meetingShortcuts.js';
import {
  isApplePlatform,
  shellCommandForKey,
  shortcutHint,
  type KeyPress,
} from '../../src/renderer/platform/keyboardShortcuts.js';
import type { ShellCommand } from '../../src/renderer/platform/Platform.js';
import { createDesktopPlatform } from '../../src/renderer/platform/desktopPlatform.js';
import { createWebPlatform } from '../../src/renderer/platform/webPlatform.js';
import { wavaIpc } from '../../src/shared/ipcContract.js';
import { createFakeBridge } from './desktopShell/fakeBridge.js';

function press(key: string, mods: Partial<Omit<KeyPress, 'key' | 'code'>> = {}, code = `Key${key.toUpperCase()}`) {
  return { key, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}
const ctrlShift = { ctrlKey: true, shiftKey: true };
const cmdShift = { metaKey: true, shiftKey: true };

describe('shellCommandForKey', () => {
  const table: Array<[string, KeyPress, boolean, ShellCommand | null]> = [
    ['Ctrl+Shift+M mutes (Windows, Linux)', press('M', ctrlShift), false, 'toggle-microphone'],
    ['Ctrl+Shift+O is the camera', press('O', ctrlShift), false, 'toggle-camera'],
    ['Ctrl+Shift+E shares the screen', press('E', ctrlShift), false, 'toggle-screen-share'],
    ['Ctrl+Shift+H leaves', press('H', ctrlShift), false, 'leave-meeting'],
    ['a lower-case key (Caps Lock) still counts', press('m', ctrlShift), false, 'toggle-microphone'],
    ['⌘⇧M mutes on a Mac', press('M', cmdShift), true, 'toggle-microphone'],
    ['⌘⇧H leaves on a Mac', press('H', cmdShift), true, 'leave-meeting'],
    ['Ctrl+Shift+M is not the Mac shortcut', press('M', ctrlShift), true, null],
    ['⌘⇧M is not the shortcut elsewhere', press('M', cmdShift), false, null],
    ['without Shift it is not the shortcut', press('m', { ctrlKey: true }), false, null],
    ['an extra Alt is another shortcut (AltGr too)', press('M', { ...ctrlShift, altKey: true }), false, null],
    ['Ctrl+Shift+Meta is another shortcut', press('M', { ...ctrlShift, metaKey: true }), false, null],
    ['a plain letter while typing does nothing', press('m'), false, null],
    ['other letters do nothing', press('K', ctrlShift), false, null],
    ['Escape does nothing', press('Escape', ctrlShift, 'Escape'), false, null],
    ['Cyrillic layout: the physical M key', press('Ь', ctrlShift, 'KeyM'), false, 'toggle-microphone'],
    ['Dvorak: the letter typed counts, not the physical key', press('R', ctrlShift, 'KeyO'), false, null],
    ['Dvorak: typing O on the physical S key', press('O', ctrlShift, 'KeyS'), false, 'toggle-camera'],
  ];
  it.each(table)('%s', (_name, keyPress, apple, expected) => {
    expect(shellCommandForKey(keyPress, apple)).toBe(expected);
  });

  it('every menu shortcut maps back to its own command, on every platform', () => {
    for (const apple of [false, true]) {
      for (const shortcut of MEETING_SHORTCUTS) {
        const key = shortcut.accelerator.split('+').at(-1) ?? '';
        const mods = apple ? cmdShift : ctrlShift;
        expect(shellCommandForKey(press(key, mods), apple)).toBe(shortcut.command);
      }
    }
  });
});

describe('shortcutHint', () => {
  it('writes the shortcut as each platform does, and for aria-keyshortcuts', () => {
    expect(shortcutHint('toggle-microphone', false)).toEqual({ text: 'Ctrl+Shift+M', aria: 'Control+Shift+M' });
    expect(shortcutHint('toggle-camera', true)).toEqual({ text: '⇧⌘O', aria: 'Shift+Meta+O' });
    expect(shortcutHint('leave-meeting', false)?.text).toBe('Ctrl+Shift+H');
  });
});

describe('isApplePlatform', () => {
  it('is true on macOS and iPadOS only', () => {
    const of = (platform: string, userAgent = '') => isApplePlatform({ platform, userAgent });
    expect([of('MacIntel'), of('iPad'), of('Win32'), of('Linux x86_64'), of('', 'Mozilla/5.0 (Macintosh)')]).toEqual([
      true,
      true,
      false,
      false,
      true,
    ]);
  });
});

describe('the web page handles the shortcuts itself', () => {
  let unsubscribe: (() => void) | null = null;
  afterEach(() => unsubscribe?.());

  const keydown = (init: KeyboardEventInit) => {
    const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
    document.body.dispatchEvent(event);
    return event;
  };

  it('turns the shortcut keys into shell commands, once per press, and stops after unsubscribing', () => {
    const platform = createWebPlatform(window);
    expect(platform.kind).toBe('web');
    const got: ShellCommand[] = [];
    unsubscribe = platform.onCommand((command) => got.push(command));

    const mute = keydown({ key: 'M', code: 'KeyM', ctrlKey: true, shiftKey: true });
    expect(mute.defaultPrevented).toBe(true);
    keydown({ key: 'M', code: 'KeyM', ctrlKey: true, shiftKey: true, repeat: true });
    keydown({ key: 'H', code: 'KeyH', ctrlKey: true, shiftKey: true });
    const typing = keydown({ key: 'm', code: 'KeyM' });
    expect(typing.defaultPrevented).toBe(false);
    expect(got).toEqual(['toggle-microphone', 'leave-meeting']);

    unsubscribe();
    unsubscribe = null;
    keydown({ key: 'O', code: 'KeyO', ctrlKey: true, shiftKey: true });
    expect(got).toEqual(['toggle-microphone', 'leave-meeting']);
  });

  it('in the desktop app the page does not handle the keys: the menu delivers them, exactly once', () => {
    const fake = createFakeBridge();
    const platform = createDesktopPlatform(fake.bridge);
    expect(platform.kind).toBe('desktop');
    const got: ShellCommand[] = [];
    unsubscribe = platform.onCommand((command) => got.push(command));
    const mute = keydown({ key: 'M', code: 'KeyM', ctrlKey: true, shiftKey: true });
    expect([got, mute.defaultPrevented]).toEqual([[], false]);
    fake.emit(wavaIpc.shell.onCommand, { command: 'toggle-microphone' });
    expect(got).toEqual(['toggle-microphone']);
  });
});
