import { i18n } from '../i18n/i18n.js';

/** A camera or microphone a person can pick. */
export interface DeviceOption {
  deviceId: string;
  label: string;
}

/** Cameras and microphones from enumerateDevices, with readable labels even before permission. */
export function deviceOptions(devices: readonly MediaDeviceInfo[]): {
  cameras: DeviceOption[];
  microphones: DeviceOption[];
} {
  const cameras: DeviceOption[] = [];
  const microphones: DeviceOption[] = [];
  for (const device of devices) {
    if (!device.deviceId) continue;
    if (device.kind === 'videoinput')
      cameras.push({
        deviceId: device.deviceId,
        label: device.label || i18n.t('call.cameraNumber', { number: cameras.length + 1 }),
      });
    if (device.kind === 'audioinput')
      microphones.push({
        deviceId: device.deviceId,
        label: device.label || i18n.t('call.microphoneNumber', { number: microphones.length + 1 }),
      });
  }
  return { cameras, microphones };
}
