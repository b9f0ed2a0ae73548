import type { ShellCommandPayload } from '../../shared/ipcSchemas.js';

/** Keyboard shortcuts for the meeting commands, shown in the native menu (they work while Wava is focused). */
export const MEETING_SHORTCUTS: ReadonlyArray<{ command: ShellCommandPayload; label: string; accelerator: string }> = [
  { command: 'toggle-microphone', label: 'Mute or Unmute Microphone', accelerator: 'CmdOrCtrl+Shift+M' },
  { command: 'toggle-camera', label: 'Turn Camera On or Off', accelerator: 'CmdOrCtrl+Shift+O' },
  { command: 'toggle-screen-share', label: 'Share Screen or Stop Sharing', accelerator: 'CmdOrCtrl+Shift+E' },
  { command: 'leave-meeting', label: 'Leave Meeting', accelerator: 'CmdOrCtrl+Shift+H' },
];
