import type { Meeting, PublicUser } from '@wava/protocol';
import styled from 'styled-components';
import type { LocalMedia } from '../../call/localMedia.js';
import { useLocalMediaState } from '../../hooks/useLocalMediaState.js';
import { useMicLevel } from '../../hooks/useMicLevel.js';
import { useScreenHeading } from '../../hooks/useScreenHeading.js';
import type { Platform } from '../../platform/Platform.js';
import { Avatar } from '../../ui/components/Avatar.js';
import { Button } from '../../ui/components/Button.js';
import { Card } from '../../ui/components/Card.js';
import { Icon } from '../../ui/components/Icon.js';
import { Notice } from '../../ui/components/Notice.js';
import { PageLayout } from '../../ui/components/PageLayout.js';
import { StreamVideo } from '../../ui/components/StreamVideo.js';
import { ToggleButton } from '../../ui/components/ToggleButton.js';
import { deviceMessages } from '../devices/deviceMessages.js';
import { DeviceProblems } from '../devices/DeviceProblems.js';
import { DeviceSelectors } from '../devices/DeviceSelectors.js';
import { InviteDetails } from './InviteDetails.js';
import { LevelMeter } from './LevelMeter.js';
import { useTranslation } from '../../i18n/useTranslation.js';

const Columns = styled.div`
  display: grid;
  grid-template-columns: minmax(0, 1.6fr) minmax(300px, 1fr);
  gap: ${({ theme }) => theme.space(8)};
  align-items: start;
  @media (max-width: 820px) {
    grid-template-columns: 1fr;
  }
`;

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

const Side = styled(Card)`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(5)};
  h1 {
    margin: 0;
    font-size: ${({ theme }) => theme.font.size.xl};
    letter-spacing: -0.01em;
  }
  p {
    margin: ${({ theme }) => theme.space(1)} 0 0;
    color: ${({ theme }) => theme.color.textMuted};
    font-size: ${({ theme }) => theme.font.size.sm};
  }
`;

const Actions = styled.div`
  display: flex;
  gap: ${({ theme }) => theme.space(2)};
`;

export interface PreJoinScreenProps {
  user: PublicUser;
  meeting: Meeting;
  media: LocalMedia;
  /** Where Wava runs: decides how to explain allowing camera and microphone. */
  platform: Platform['kind'];
  onJoin(): void;
  onBack(): void;
}

/** Check camera and microphone before joining: preview, level, on/off, device choice. */
export function PreJoinScreen({ user, meeting, media, platform, onJoin, onBack }: PreJoinScreenProps) {
  const { t } = useTranslation();
  const state = useLocalMediaState(media);
  const heading = useScreenHeading();
  const level = useMicLevel(state.hasMicrophone ? media.microphoneTrack : null);
  const starting = state.status === 'idle' || state.status === 'starting';
  const previewing = state.video && state.previewId !== null;

  return (
    <PageLayout
      width={1120}
      actions={
        <Button type="button" $variant="ghost" onClick={onBack}>
          <Icon name="arrowLeft" size={18} />
          {t('prejoin.back')}
        </Button>
      }
    >
      <Columns>
        <div>
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
                <Avatar name={user.displayName} size={88} />
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
        </div>
        <Side>
          <div>
            <h1 ref={heading} tabIndex={-1} data-testid="screen-heading">
              {meeting.title || t('prejoin.readyToJoin')}
            </h1>
            <p>{t('prejoin.hostedBy', { host: meeting.hostDisplayName, name: user.displayName })}</p>
          </div>
          <DeviceSelectors media={media} disabled={starting} />
          <DeviceProblems media={media} platform={platform} />
          {state.error ? <Notice>{state.error}</Notice> : null}
          <Actions>
            <Button type="button" $block onClick={onJoin} disabled={starting} data-testid="prejoin-join">
              {t('prejoin.joinMeeting')}
            </Button>
          </Actions>
          <InviteDetails code={meeting.code} inviteUrl={meeting.inviteUrl} />
        </Side>
      </Columns>
    </PageLayout>
  );
}
