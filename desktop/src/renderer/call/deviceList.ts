import type { Logger } from '../util/logger.js';
import { deviceOptions, type DeviceOption } from './deviceOption.js';
import type { MediaDevicesLike } from './localMediaState.js';

/** The cameras and microphones the browser lists, read again whenever one is plugged in or out (watch). */
export class DeviceList {
  private stopWatch: (() => void) | null = null;

  constructor(
    private readonly devices: MediaDevicesLike,
    private readonly onList: (list: { cameras: DeviceOption[]; microphones: DeviceOption[] }) => void,
    private readonly logger: Logger,
  ) {}

  /** Reads the list now (a failure keeps the list there is, and is logged). */
  async refresh(): Promise<void> {
    try {
      this.onList(deviceOptions(await this.devices.enumerateDevices()));
    } catch (error) {
      this.logger.warn('could not list devices', error);
    }
  }

  watch(): void {
    const onDeviceChange = () => void this.refresh();
    this.devices.addEventListener('devicechange', onDeviceChange);
    this.stopWatch = () => this.devices.removeEventListener('devicechange', onDeviceChange);
  }

  stop(): void {
    this.stopWatch?.();
    this.stopWatch = null;
  }
}
