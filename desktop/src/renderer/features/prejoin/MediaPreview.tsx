import styled from 'styled-components';
import { cameraOnAfterPress, previewCameraButtonOf } from '../../call/cameraButton.js';
import type { DeviceKind } from '../../call/deviceProblem.js';
import type { LocalMedia } from '../../call/localMedia.js';
import { useLocalMediaState } from '../../hooks/useLocalMediaState.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { Avatar } from '../../ui/components/Avatar.js';
import { Icon } from '../../ui/components/Icon.js';
import { StreamVideo } from '../../ui/components/StreamVideo.js';
import { ToggleButton } from '../../ui/components/ToggleButton.js';
import { CameraStartingStatus } from '../devices/CameraStartingStatus.js';
import { deviceMessages } from '../devices/deviceMessages.js';
import { LevelMeter } from './LevelMeter.js';

const Preview = styled.div`
  position: relative;
  aspect-ratio: 16 / 9;
  border-radius: ${({ theme }) => theme.radius.lg};
  overflow: hidden;
  background: ${({ theme }) => theme.color.tile};
  box-shadow: ${({ theme }) => theme.shadow.raised};
`;

const Placeholder = styled.div`
  position: absolute;
  inset: 0;
  display: grid;
  place-items: center;
  align-content: center;
  gap: ${({ theme }) => theme.space(3)};
  color: ${({ theme }) => theme.color.onStageMuted};
  font-size: ${({ theme }) => theme.font.size.sm};
`;

const Overlay = styled.div`
  position: absolute;
  left: 0;
  right: 0;
  bottom: 0;
  display: flex;
  align-items: center;
  justify-content: space-between;
  padding: ${({ theme }) => theme.space(4)};
  background: linear-gradient(transparent, rgba(0, 0, 0, 0.55));
`;

const Toggles = styled.div`
  display: flex;
  gap: ${({ theme }) => theme.space(3)};
`;

/** What each device's toggle says and shows, on and off. */
const TOGGLES = {
  microphone: {
    label: 'prejoin.microphone',
    turnOff: 'prejoin.turnMicrophoneOff',
    turnOn: 'prejoin.turnMicrophoneOn',
    icon: { on: 'mic', off: 'micOff' },
    testId: 'prejoin-toggle-mic',
  },
  camera: {
    label: 'prejoin.camera',
    turnOff: 'prejoin.turnCameraOff',
    turnOn: 'prejoin.turnCameraOn',
    icon: { on: 'camera', off: 'cameraOff' },
    testId: 'prejoin-toggle-camera',
  },
} as const;

/**
 * The microphone's or the camera's toggle; its title says why when the device is unavailable. `starting` (the
 * camera only): a camera just turned on is checked (cameraButton.ts): shown on and busy, and pressing cancels.
 */
function DeviceToggle(props: {
  kind: DeviceKind;
  on: boolean;
  starting?: boolean;
  unavailable: boolean;
  disabled: boolean;
  onToggle(): void;
}) {
  const { t } = useTranslation();
  const toggle = TOGGLES[props.kind];
  return (
    <ToggleButton
      on={props.on}
      label={t(toggle.label)}
      title={
        props.unavailable
          ? deviceMessages.unavailableTitle(props.kind)
          : props.starting
            ? t('cameraStart.cancelTitle')
            : props.on
              ? t(toggle.turnOff)
              : t(toggle.turnOn)
      }
      icon={<Icon name={props.on ? toggle.icon.on : toggle.icon.off} />}
      onToggle={props.onToggle}
      disabled={props.disabled}
      busy={props.starting}
      testId={toggle.testId}
    />
  );
}

/**
 * One's own camera preview with the microphone level and the microphone and camera toggles: on pre-join, and in
 * the waiting room. `meterStill`: the level stands still where it is (Join was pressed: reading the microphone ten
 * times a second would share the main thread with the call's setup) until the meeting view replaces it.
 */
export function MediaPreview({
  media,
  name,
  meterStill = false,
}: {
  media: LocalMedia;
  name: string;
  meterStill?: boolean;
}) {
  const { t } = useTranslation();
  const state = useLocalMediaState(media);
  const starting = state.status === 'idle' || state.status === 'starting';
  const camera = previewCameraButtonOf(state);
  const cameraStarting = camera === 'starting' && state.problems.camera === null;
  const previewing = state.video && state.previewId !== null;
  return (
    <Preview>
      <StreamVideo
        stream={media.previewStream}
        muted
        mirrored
        hidden={!previewing}
        testId="prejoin-preview"
        label={t('prejoin.preview')}
      />
      {previewing ? null : (
        <Placeholder>
          <Avatar name={name} size={88} />
          {starting ? t('prejoin.startingCamera') : t('prejoin.cameraOff')}
        </Placeholder>
      )}
      <Overlay>
        <Toggles>
          <DeviceToggle
            kind="microphone"
            on={state.audio}
            unavailable={state.problems.microphone !== null}
            onToggle={() => void media.setAudioEnabled(!state.audio)}
            disabled={starting}
          />
          <DeviceToggle
            kind="camera"
            on={camera !== 'off'}
            starting={cameraStarting}
            unavailable={state.problems.camera !== null}
            onToggle={() => void media.setVideoEnabled(cameraOnAfterPress(camera))}
            disabled={starting}
          />
          <CameraStartingStatus starting={cameraStarting} testId="prejoin-camera-starting" visible />
        </Toggles>
        <LevelMeter
          track={state.hasMicrophone ? media.microphoneTrack : null}
          still={meterStill}
          silent={!state.audio}
          testId="mic-level"
        />
      </Overlay>
    </Preview>
  );
}
