import styled from 'styled-components';
import type { LocalMedia } from '../../call/localMedia.js';
import { useLocalMediaState } from '../../hooks/useLocalMediaState.js';
import { useMicLevel } from '../../hooks/useMicLevel.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { Avatar } from '../../ui/components/Avatar.js';
import { Icon } from '../../ui/components/Icon.js';
import { StreamVideo } from '../../ui/components/StreamVideo.js';
import { ToggleButton } from '../../ui/components/ToggleButton.js';
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

/**
 * One's own camera preview with the microphone level and the microphone and camera toggles: on pre-join, and in
 * the waiting room. `meterStill`: the level stops moving (Join was pressed: the meter's render every 100 ms would
 * share the main thread with the call's setup).
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
  const level = useMicLevel(state.hasMicrophone && !meterStill ? media.microphoneTrack : null);
  const starting = state.status === 'idle' || state.status === 'starting';
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
          <ToggleButton
            on={state.audio}
            label={t('prejoin.microphone')}
            title={
              state.problems.microphone
                ? deviceMessages.unavailableTitle('microphone')
                : state.audio
                  ? t('prejoin.turnMicrophoneOff')
                  : t('prejoin.turnMicrophoneOn')
            }
            icon={<Icon name={state.audio ? 'mic' : 'micOff'} />}
            onToggle={() => void media.setAudioEnabled(!state.audio)}
            disabled={starting}
            testId="prejoin-toggle-mic"
          />
          <ToggleButton
            on={state.video}
            label={t('prejoin.camera')}
            title={
              state.problems.camera
                ? deviceMessages.unavailableTitle('camera')
                : state.video
                  ? t('prejoin.turnCameraOff')
                  : t('prejoin.turnCameraOn')
            }
            icon={<Icon name={state.video ? 'camera' : 'cameraOff'} />}
            onToggle={() => void media.setVideoEnabled(!state.video)}
            disabled={starting}
            testId="prejoin-toggle-camera"
          />
        </Toggles>
        <LevelMeter level={state.audio ? level : 0} testId="mic-level" />
      </Overlay>
    </Preview>
  );
}
