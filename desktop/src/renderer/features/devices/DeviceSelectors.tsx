import type { DeviceOption } from '../../call/deviceOption.js';
import type { LocalMedia } from '../../call/localMedia.js';
import { useLocalMediaState } from '../../hooks/useLocalMediaState.js';
import { SelectField } from '../../ui/components/Field.js';
import { deviceMessages } from './deviceMessages.js';
import { useTranslation } from '../../i18n/useTranslation.js';

export interface DeviceSelectorsProps {
  media: LocalMedia;
  /** E.g. while the devices are still starting. */
  disabled?: boolean;
}

/** The camera and microphone choice, before (pre-join) and during the meeting; a switch takes effect at once. */
export function DeviceSelectors({ media, disabled = false }: DeviceSelectorsProps) {
  const { t } = useTranslation();
  const state = useLocalMediaState(media);
  // Until the devices have started, an empty list means "not known yet", not "none".
  const starting = state.status === 'idle' || state.status === 'starting';
  const none = (kind: 'camera' | 'microphone') =>
    starting ? deviceMessages.starting(kind) : deviceMessages.none(kind);
  return (
    <>
      <DeviceSelect
        label={t('devices.camera')}
        none={none('camera')}
        devices={state.cameras}
        value={state.cameraId}
        onSelect={(deviceId) => void media.selectCamera(deviceId)}
        disabled={disabled}
        testId="select-camera"
      />
      <DeviceSelect
        label={t('devices.microphone')}
        none={none('microphone')}
        devices={state.microphones}
        value={state.microphoneId}
        onSelect={(deviceId) => void media.selectMicrophone(deviceId)}
        disabled={disabled}
        testId="select-microphone"
      />
    </>
  );
}

interface DeviceSelectProps {
  label: string;
  /** Shown (and the select disabled) when there is no such device. */
  none: string;
  devices: readonly DeviceOption[];
  value: string | null;
  onSelect(deviceId: string): void;
  disabled: boolean;
  testId: string;
}

function DeviceSelect({ label, none, devices, value, onSelect, disabled, testId }: DeviceSelectProps) {
  return (
    <SelectField
      label={label}
      value={value ?? ''}
      onChange={(event) => onSelect(event.target.value)}
      disabled={disabled || devices.length === 0}
      data-testid={testId}
    >
      {devices.length === 0 ? <option value="">{none}</option> : null}
      {devices.map((device) => (
        <option key={device.deviceId} value={device.deviceId}>
          {device.label}
        </option>
      ))}
    </SelectField>
  );
}
