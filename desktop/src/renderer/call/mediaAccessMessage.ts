import { i18n } from '../i18n/i18n.js';

/** The sentence for a camera or microphone that could not be started, from the DOMException name. */
export function mediaAccessMessage(error: unknown, device: 'camera' | 'microphone'): string {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : null;
  const deviceName = i18n.t(`devices.name.${device}`);
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return i18n.t('devices.access.denied', { device: deviceName });
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return i18n.t('devices.access.missing', { device: deviceName });
    case 'NotReadableError':
    case 'TrackStartError':
      return i18n.t('devices.access.busy', { device: deviceName });
    case 'OverconstrainedError':
      return i18n.t('devices.access.gone', { device: deviceName });
    case 'AbortError':
      return i18n.t('devices.access.interrupted', { device: deviceName });
    default:
      return i18n.t('devices.access.failed', { device: deviceName });
  }
}
