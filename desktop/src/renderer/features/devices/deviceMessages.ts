import { missingCaseError } from '@wava/protocol/plain';
import type { DeviceKind, DeviceProblemReason } from '../../call/deviceProblem.js';
import { i18n } from '../../i18n/i18n.js';
import type { Platform } from '../../platform/Platform.js';

/**
 * The device controls' sentences that depend on the device and its trouble, from the catalogs (`devices.*`) in the
 * interface's language. Components calling these also call `useTranslation`, so they re-render on a switch.
 */
export const deviceMessages = {
  starting: (kind: DeviceKind) => i18n.t(kind === 'camera' ? 'devices.startingCamera' : 'devices.startingMicrophone'),
  none: (kind: DeviceKind) => i18n.t(kind === 'camera' ? 'devices.noCamera' : 'devices.noMicrophone'),
  retryLabel: (kind: DeviceKind) => i18n.t(kind === 'camera' ? 'devices.retryCamera' : 'devices.retryMicrophone'),
  unavailableTitle: (kind: DeviceKind) =>
    i18n.t(kind === 'camera' ? 'devices.unavailableCamera' : 'devices.unavailableMicrophone'),
  problem,
  howToFix,
};

function problem(kind: DeviceKind, reason: DeviceProblemReason): string {
  const device = i18n.t(`devices.name.${kind}`);
  switch (reason) {
    case 'denied':
    case 'missing':
    case 'busy':
    case 'lost':
    case 'failed':
      return i18n.t(`devices.problem.${reason}`, { device });
    default:
      throw missingCaseError(reason);
  }
}

function howToFix(kind: DeviceKind, reason: DeviceProblemReason, platform: Platform['kind']): string {
  const setting = i18n.t(kind === 'camera' ? 'devices.camera' : 'devices.microphone');
  switch (reason) {
    case 'denied':
      return i18n.t(platform === 'web' ? 'devices.fix.deniedWeb' : 'devices.fix.deniedDesktop', { setting });
    case 'missing':
    case 'lost':
      return i18n.t('devices.fix.connect', { device: i18n.t(`devices.name.${kind}`) });
    case 'busy':
      return i18n.t('devices.fix.busy');
    case 'failed':
      return i18n.t('devices.fix.failed');
    default:
      throw missingCaseError(reason);
  }
}
