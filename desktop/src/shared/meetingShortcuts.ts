import type { ShellCommand } from './ipcSchemas.js';

export interface MeetingShortcut {
  command: ShellCommand;
  /** The native menu item's label. */
  label: string;
  /** An Electron accelerator: modifiers (`CmdOrCtrl`, `Shift`, `Alt`) and one key, joined by `+`. */
  accelerator: string;
}

/**
 * Keyboard shortcuts for the meeting commands, written once: the desktop app's native menu carries
 * them (they reach the page as shell commands), and the web page handles the same keys itself.
 */
export const MEETING_SHORTCUTS: readonly MeetingShortcut[] = [
  { command: 'toggle-microphone', label: 'Mute or Unmute Microphone', accelerator: 'CmdOrCtrl+Shift+M' },
  { command: 'toggle-camera', label: 'Turn Camera On or Off', accelerator: 'CmdOrCtrl+Shift+O' },
  { command: 'toggle-screen-share', label: 'Share Screen or Stop Sharing', accelerator: 'CmdOrCtrl+Shift+E' },
  { command: 'leave-meeting', label: 'Leave Meeting', accelerator: 'CmdOrCtrl+Shift+H' },
];
