import type { ShellCommand } from './ipcSchemas.js';

export interface MeetingShortcut {
  command: ShellCommand;
  /** The native menu item's label: its key under `shell.menu` in the catalogs (shared/locales). */
  labelKey: 'toggleMicrophone' | 'toggleCamera' | 'toggleScreenShare' | 'leaveMeeting';
  /** An Electron accelerator: modifiers (`CmdOrCtrl`, `Shift`, `Alt`) and one key, joined by `+`. */
  accelerator: string;
}

/**
 * Keyboard shortcuts for the meeting commands, written once: the desktop app's native menu carries
 * them (they reach the page as shell commands), and the web page handles the same keys itself.
 */
export const MEETING_SHORTCUTS: readonly MeetingShortcut[] = [
  { command: 'toggle-microphone', labelKey: 'toggleMicrophone', accelerator: 'CmdOrCtrl+Shift+M' },
  { command: 'toggle-camera', labelKey: 'toggleCamera', accelerator: 'CmdOrCtrl+Shift+O' },
  { command: 'toggle-screen-share', labelKey: 'toggleScreenShare', accelerator: 'CmdOrCtrl+Shift+E' },
  { command: 'leave-meeting', labelKey: 'leaveMeeting', accelerator: 'CmdOrCtrl+Shift+H' },
];
