import type { Meeting, PublicUser } from '@wava/protocol';
import styled from 'styled-components';
import type { LocalMedia } from '../../call/localMedia.js';
import { useLocalMediaState } from '../../hooks/useLocalMediaState.js';
import { useScreenHeading } from '../../hooks/useScreenHeading.js';
import type { Platform } from '../../platform/Platform.js';
import { Button } from '../../ui/components/Button.js';
import { Card } from '../../ui/components/Card.js';
import { Icon } from '../../ui/components/Icon.js';
import { Notice } from '../../ui/components/Notice.js';
import { PageLayout } from '../../ui/components/PageLayout.js';
import { DeviceProblems } from '../devices/DeviceProblems.js';
import { DeviceSelectors } from '../devices/DeviceSelectors.js';
import { InviteDetails } from './InviteDetails.js';
import { MediaPreview } from './MediaPreview.js';
import { mustKnock } from '../lobby/mustKnock.js';
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
  const starting = state.status === 'idle' || state.status === 'starting';

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
          <MediaPreview media={media} name={user.displayName} />
        </div>
        <Side>
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
          {state.error ? <Notice>{state.error}</Notice> : null}
          <Actions>
            <Button type="button" $block onClick={onJoin} disabled={starting} data-testid="prejoin-join">
              {mustKnock(meeting) ? t('lobby.askToJoin') : t('prejoin.joinMeeting')}
            </Button>
          </Actions>
          <InviteDetails code={meeting.code} inviteUrl={meeting.inviteUrl} />
        </Side>
      </Columns>
    </PageLayout>
  );
}
