import type { Meeting, PublicUser } from '@wava/protocol';
import { useState } from 'react';
import styled from 'styled-components';
import type { LocalMedia } from '../../call/localMedia.js';
import { mediaAccessMessage } from '../../call/mediaAccessMessage.js';
import { useLocalMediaState } from '../../hooks/useLocalMediaState.js';
import { useScreenHeading } from '../../hooks/useScreenHeading.js';
import type { Platform } from '../../platform/Platform.js';
import { Button } from '../../ui/components/Button.js';
import { Icon } from '../../ui/components/Icon.js';
import { Notice } from '../../ui/components/Notice.js';
import { PageLayout } from '../../ui/components/PageLayout.js';
import { DeviceProblems } from '../devices/DeviceProblems.js';
import { DeviceSelectors } from '../devices/DeviceSelectors.js';
import { InviteDetails } from './InviteDetails.js';
import { MediaPreview } from './MediaPreview.js';
import { mustKnock } from '../lobby/mustKnock.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { PreviewColumns, PreviewSide } from './previewLayout.js';

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
  const starting = state.status === 'idle' || state.status === 'starting';
  /** Join pressed: the meeting view follows once the join's calls are set up (a few hundred ms at most). */
  const [joining, setJoining] = useState(false);
  const join = () => {
    onJoin();
    setJoining(true);
  };

  return (
    <PageLayout
      width={1120}
      actions={
        <Button type="button" $variant="ghost" onClick={onBack} disabled={joining}>
          <Icon name="arrowLeft" size={18} />
          {t('prejoin.back')}
        </Button>
      }
    >
      <PreviewColumns>
        <div>
          <MediaPreview media={media} name={user.displayName} meterStill={joining} />
        </div>
        <PreviewSide>
          <div>
            <h1 ref={heading} tabIndex={-1} data-testid="screen-heading">
              {meeting.title || t('prejoin.readyToJoin')}
            </h1>
            <p>
              {mustKnock(meeting)
                ? // A meeting with a waiting room says no more than the invite until we are let in.
                  t('lobby.joinAs', { name: user.displayName })
                : t('prejoin.hostedBy', { host: meeting.hostDisplayName, name: user.displayName })}
            </p>
          </div>
          <DeviceSelectors media={media} disabled={starting} />
          <DeviceProblems media={media} platform={platform} />
          {state.error ? <Notice>{mediaAccessMessage(state.error)}</Notice> : null}
          <Actions>
            <Button
              type="button"
              $block
              onClick={join}
              disabled={starting || joining}
              aria-busy={joining}
              data-testid="prejoin-join"
            >
              {joining && !mustKnock(meeting)
                ? t('meeting.joining')
                : mustKnock(meeting)
                  ? t('lobby.askToJoin')
                  : t('prejoin.joinMeeting')}
            </Button>
          </Actions>
          <InviteDetails code={meeting.code} inviteUrl={meeting.inviteUrl} />
        </PreviewSide>
      </PreviewColumns>
    </PageLayout>
  );
}
