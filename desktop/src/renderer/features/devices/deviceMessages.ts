import { missingCaseError } from '@wava/protocol';
import type { DeviceKind, DeviceProblemReason } from '../../call/deviceProblem.js';
import type { Platform } from '../../platform/Platform.js';

/** Every sentence the device controls show, in one place (to move into a message catalog later). */
export const deviceMessages = {
  cameraLabel: 'Camera',
  microphoneLabel: 'Microphone',
  starting: (kind: DeviceKind) => (kind === 'camera' ? 'Starting camera…' : 'Starting microphone…'),
  none: (kind: DeviceKind) => (kind === 'camera' ? 'No camera found' : 'No microphone found'),
  retry: 'Retry',
  retryLabel: (kind: DeviceKind) => `Retry ${kind}`,
  unavailableTitle: (kind: DeviceKind) => `Your ${kind} is not available. Click to try again.`,
  problem,
  howToFix,
};

function problem(kind: DeviceKind, reason: DeviceProblemReason): string {
  switch (reason) {
    case 'denied':
      return `Wava is not allowed to use your ${kind}, so it is off for everyone.`;
    case 'missing':
      return `No ${kind} was found, so it is off for everyone.`;
    case 'busy':
      return `Your ${kind} is in use by another app or could not be started, so it is off for everyone.`;
    case 'lost':
      return `Your ${kind} stopped working (was it unplugged?), so it is off for everyone.`;
    case 'failed':
      return `Your ${kind} could not be started, so it is off for everyone.`;
    default:
      throw missingCaseError(reason);
  }
}

function howToFix(kind: DeviceKind, reason: DeviceProblemReason, platform: Platform['kind']): string {
  const setting = kind === 'camera' ? 'Camera' : 'Microphone';
  switch (reason) {
    case 'denied':
      return platform === 'web'
        ? `To allow it, click the icon left of the address bar, open Site settings, set ${setting} to Allow, then press Retry.`
        : `To allow it, open your system's privacy settings (Windows: Settings › Privacy & security › ${setting}; macOS: System Settings › Privacy & Security › ${setting}), allow Wava, then press Retry.`;
    case 'missing':
    case 'lost':
      return `Connect a ${kind}, then press Retry.`;
    case 'busy':
      return `Close the other app using it, then press Retry.`;
    case 'failed':
      return 'Press Retry to try again.';
    default:
      throw missingCaseError(reason);
  }
}
