import { missingCaseError } from '@wava/protocol';
import type { ShellCommand } from '../platform/Platform.js';

/** What a shell command (menu, tray, keyboard shortcut) can do to the meeting. */
export interface CallControls {
  toggleMicrophone(): void;
  toggleCamera(): void;
  toggleScreenShare(): void;
  leave(): void;
}

export function runShellCommand(command: ShellCommand, controls: CallControls): void {
  switch (command) {
    case 'toggle-microphone':
      controls.toggleMicrophone();
      return;
    case 'toggle-camera':
      controls.toggleCamera();
      return;
    case 'toggle-screen-share':
      controls.toggleScreenShare();
      return;
    case 'leave-meeting':
      controls.leave();
      return;
    default:
      throw missingCaseError(command);
  }
}
