import { MEETING_SHORTCUTS } from '../../shared/meetingShortcuts.js';
import type { ShellCommand } from './Platform.js';

/** The parts of a KeyboardEvent a shortcut is matched on. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

interface Chord {
  key: string;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

/** The key text a shortcut shows: `Ctrl+Shift+M`, or `⇧⌘M` on Apple platforms; `aria` is for aria-keyshortcuts. */
export interface ShortcutHint {
  text: string;
  aria: string;
}

/** Reads an Electron accelerator the way the native menu does: `CmdOrCtrl` is ⌘ on Apple platforms, Ctrl elsewhere. */
export function chordOf(accelerator: string, apple: boolean): Chord {
  const chord: Chord = { key: '', ctrl: false, meta: false, shift: false, alt: false };
  for (const part of accelerator.split('+')) {
    switch (part.toLowerCase()) {
      case 'cmdorctrl':
      case 'commandorcontrol':
        if (apple) chord.meta = true;
        else chord.ctrl = true;
        break;
      case 'ctrl':
      case 'control':
        chord.ctrl = true;
        break;
      case 'cmd':
      case 'command':
      case 'meta':
        chord.meta = true;
        break;
      case 'shift':
        chord.shift = true;
        break;
      case 'alt':
      case 'option':
        chord.alt = true;
        break;
      default:
        chord.key = part.toUpperCase();
    }
  }
  return chord;
}

/**
 * The letter or digit a key press means. `key` follows the keyboard layout (a Dvorak user's "M" is M);
 * where the layout does not type Latin letters (Cyrillic, Greek…), the physical key (`code`) stands in.
 */
function keyOf(press: KeyPress): string {
  if (/^[a-z0-9]$/i.test(press.key)) return press.key.toUpperCase();
  const physical = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(press.code);
  return physical ? (physical[1] ?? physical[2] ?? '') : '';
}

/** The meeting command a key press stands for, with exactly the shortcut's modifiers; null for any other key. */
export function shellCommandForKey(press: KeyPress, apple: boolean): ShellCommand | null {
  const key = keyOf(press);
  if (key === '') return null;
  for (const shortcut of MEETING_SHORTCUTS) {
    const chord = chordOf(shortcut.accelerator, apple);
    if (
      chord.key === key &&
      chord.ctrl === press.ctrlKey &&
      chord.meta === press.metaKey &&
      chord.shift === press.shiftKey &&
      chord.alt === press.altKey
    )
      return shortcut.command;
  }
  return null;
}

/** How the shortcut for `command` is written in tooltips and for assistive tech. */
export function shortcutHint(command: ShellCommand, apple: boolean): ShortcutHint | null {
  const shortcut = MEETING_SHORTCUTS.find((s) => s.command === command);
  if (!shortcut) return null;
  const chord = chordOf(shortcut.accelerator, apple);
  const names: [boolean, string, string, string][] = [
    [chord.ctrl, 'Ctrl', '⌃', 'Control'],
    [chord.alt, 'Alt', '⌥', 'Alt'],
    [chord.shift, 'Shift', '⇧', 'Shift'],
    [chord.meta, 'Meta', '⌘', 'Meta'],
  ];
  const held = names.filter(([on]) => on);
  const text = apple
    ? held.map(([, , symbol]) => symbol).join('') + chord.key
    : [...held.map(([, name]) => name), chord.key].join('+');
  const aria = [...held.map(([, , , aria]) => aria), chord.key].join('+');
  return { text, aria };
}

/** Whether `CmdOrCtrl` means ⌘ here (macOS, iPadOS), as it does in the desktop app's menu. */
export function isApplePlatform(nav: Pick<Navigator, 'platform' | 'userAgent'> = navigator): boolean {
  return /Mac|iPhone|iPad|iPod/.test(nav.platform || nav.userAgent);
}
