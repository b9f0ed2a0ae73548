import styled, { ThemeProvider } from 'styled-components';
import { callProblemSentence } from '../../call/callProblem.js';
import { cameraButtonOf } from '../../call/cameraButton.js';
import { mediaAccessMessage } from '../../call/mediaAccessMessage.js';
import { mediaFailureMessage } from '../../call/mediaFailure.js';
import type { MeetingClient } from '../../call/meetingClient.js';
import { useCallState } from '../../hooks/useCallState.js';
import { useCopy } from '../../hooks/useCopy.js';
import { useLocalMediaState } from '../../hooks/useLocalMediaState.js';
import { useScreenHeading } from '../../hooks/useScreenHeading.js';
import type { Platform } from '../../platform/Platform.js';
import { Brand } from '../../ui/components/Brand.js';
import { Icon } from '../../ui/components/Icon.js';
import { Notice } from '../../ui/components/Notice.js';
import { NARROW, WideOnly, WideText } from '../../ui/components/Responsive.js';
import { darkTheme } from '../../ui/theme/theme.js';
import { DeviceProblems } from '../devices/DeviceProblems.js';
import { DeviceSelectors } from '../devices/DeviceSelectors.js';
import { useModerationParts } from '../moderation/useModerationParts.js';
import { useMeetingRoom } from '../room/useMeetingRoom.js';
import { LobbyRequests } from '../lobby/LobbyRequests.js';
import { useKnockers } from '../lobby/useKnockers.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { ControlBar } from './ControlBar.js';
import { DeviceMenu } from './DeviceMenu.js';
import { LayoutButton, LayoutMoreItem } from '../stage/LayoutButton.js';
import { MeetingTiles } from '../stage/MeetingTiles.js';
import { LiveQuality } from '../stage/LiveQuality.js';
import { useConnectionQuality } from '../stage/useConnectionQuality.js';
import { useDeferredPresenter } from '../stage/useDeferredPresenter.js';
import { useStageLayout } from '../stage/useStageLayout.js';
import { SCREEN_CAPTION_HEIGHT } from './ScreenStage.js';
import { useTranslation } from '../../i18n/useTranslation.js';

const Page = styled.div`
  height: 100%;
  display: flex;
  flex-direction: column;
  background: ${({ theme }) => theme.color.stage};
  color: ${({ theme }) => theme.color.onStage};
`;

const Header = styled.header`
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: ${({ theme }) => theme.space(4)};
  padding: ${({ theme }) => `${theme.space(3)} ${theme.space(5)}`};
  @media ${NARROW} {
    gap: ${({ theme }) => theme.space(2)};
    padding: ${({ theme }) => `${theme.space(2)} ${theme.space(3)}`};
  }
`;

const Title = styled.div`
  display: flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(4)};
  min-width: 0;
`;

/** The title above the code and head count; the title shortens with an ellipsis, never to nothing. */
const TitleText = styled.div`
  display: flex;
  flex-direction: column;
  min-width: 0;
  h1 {
    margin: 0;
    font-size: ${({ theme }) => theme.font.size.md};
    font-weight: ${({ theme }) => theme.font.weight.medium};
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  span {
    color: ${({ theme }) => theme.color.onStageMuted};
    font-size: ${({ theme }) => theme.font.size.sm};
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
`;

const Pill = styled.button`
  display: inline-flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(2)};
  height: 36px;
  padding: 0 ${({ theme }) => theme.space(3)};
  border-radius: ${({ theme }) => theme.radius.pill};
  border: 1px solid rgba(255, 255, 255, 0.14);
  background: rgba(255, 255, 255, 0.06);
  color: ${({ theme }) => theme.color.onStage};
  font-size: ${({ theme }) => theme.font.size.sm};
  white-space: nowrap;
  flex: none;
  cursor: pointer;
  &:hover {
    background: rgba(255, 255, 255, 0.12);
  }
  @media ${NARROW} {
    width: 36px;
    padding: 0;
    justify-content: center;
  }
`;

const Messages = styled.div`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.space(2)};
  padding: 0 ${({ theme }) => theme.space(5)};
  &:empty {
    display: none;
  }
`;

const Joining = styled.div`
  flex: 1;
  display: grid;
  place-items: center;
  color: ${({ theme }) => theme.color.onStageMuted};
`;

/**
 * The tiles, and the open side panel (chat, participants) beside them. The notice banners (MeetingAnnouncer) float at
 * its top, so they never cover the notices above it.
 */
const Stage = styled.div`
  position: relative;
  flex: 1;
  min-height: 0;
  display: flex;
  /* While a shared screen shows, the notice banners (MeetingAnnouncer) stack below its caption (who presents; ours
     with its Stop button: ScreenStage, at the top of the stage's first row), never over it: the stage's top padding
     (12px, 8px on phones), the screen's border, the caption's inset and height, and a gap. */
  &[data-screen-shown='true'] {
    --notice-banners-top: calc(${({ theme }) => theme.space(3 + 3 + 2)} + 1px + ${SCREEN_CAPTION_HEIGHT}px);
  }
`;

/** The meeting: tiles for everyone (self included), a shared screen large, controls, and what is wrong, in words. */
export function MeetingScreen({ client, platform }: { client: MeetingClient; platform: Platform['kind'] }) {
  const { t } = useTranslation();
  const state = useCallState(client);
  const heading = useScreenHeading();
  const media = useLocalMediaState(client.media);
  const { copy, copied } = useCopy();
  const presenter = useDeferredPresenter(state);
  const count = state.remotes.length + 1;
  const canShare = typeof navigator.mediaDevices?.getDisplayMedia === 'function';
  const mediaErrors = state.remotes.filter((tile) => tile.mediaFailure !== null);
  // Written now, in the language of this render.
  const meetingError = state.error
    ? callProblemSentence(state.error)
    : media.error
      ? mediaAccessMessage(media.error)
      : null;
  const inviteUrl = state.meeting?.inviteUrl ?? '';
  const moderation = useModerationParts(client.moderation, state);
  const lobby = useKnockers(client.lobby, moderation.room.mayModerate);
  const stage = useStageLayout();
  const quality = useConnectionQuality(
    (peerId) => client.remote.stats(peerId),
    state.remotes.map((tile) => ({ peerId: tile.peerId, cameraOn: tile.media.video })),
  );
  const qualityOf = (peerId: string, on: 'tile' | 'list') =>
    state.remotes.find((tile) => tile.peerId === peerId)?.connection === 'connected' ? (
      <LiveQuality monitor={quality} peerId={peerId} on={on} />
    ) : null;
  const room = useMeetingRoom(
    client.room,
    state,
    client.media.microphoneTrack,
    {
      ...stage,
      qualityOf: (peerId) => qualityOf(peerId, 'list'),
    },
    (title) => client.notify(title),
    moderation.room,
    lobby.announcement,
  );
  const layoutSwitch = { mode: stage.mode, onChange: stage.setMode };

  return (
    <Page data-testid="meeting-view">
      <Header>
        <Title>
          <WideOnly>
            <Brand />
          </WideOnly>
          <TitleText>
            <h1 ref={heading} tabIndex={-1} data-testid="screen-heading">
              {state.meeting?.title || t('meeting.untitled')}
            </h1>
            <span>
              {client.code} · {t('meeting.people', { count: count })}
            </span>
          </TitleText>
        </Title>
        <Pill
          type="button"
          onClick={() => void copy(inviteUrl)}
          disabled={!inviteUrl}
          data-testid="meeting-copy-invite"
        >
          <Icon name={copied ? 'check' : 'link'} size={16} />
          <WideText>{copied ? t('meeting.inviteCopied') : t('meeting.copyInvite')}</WideText>
        </Pill>
      </Header>
      <ConnectionBanner signaling={state.signaling} />
      {/* The meeting's own area is dark in both themes (theme.color.stage): what shows on it takes the dark theme's
          colours, or the light theme's red would be 3.3:1 there. */}
      <ThemeProvider theme={darkTheme}>
        <Messages>
          <LobbyRequests link={client.lobby} knockers={lobby.knockers} />
          {mediaErrors.map((tile) => (
            <Notice key={tile.peerId} testId="media-error">
              {tile.mediaFailure ? mediaFailureMessage(tile.displayName, tile.mediaFailure) : null}
            </Notice>
          ))}
          <DeviceProblems media={client.media} platform={platform} />
          {state.shareReplacedBy ? (
            <Notice tone="info" testId="share-replaced">
              {t('meeting.replacedShare', { name: state.shareReplacedBy })}
            </Notice>
          ) : null}
          {meetingError ? <Notice testId="meeting-error">{meetingError}</Notice> : null}
          {moderation.notices}
        </Messages>
      </ThemeProvider>
      {state.phase === 'joining' ? <Joining role="status">{t('meeting.joining')}</Joining> : null}
      <Stage hidden={state.phase === 'joining'} data-screen-shown={presenter ? 'true' : undefined}>
        <MeetingTiles
          client={client}
          state={state}
          presenter={presenter}
          previewing={media.previewId !== null}
          overlay={room.overlay}
          choice={stage}
          qualityOf={(peerId) => qualityOf(peerId, 'tile')}
          roleOf={moderation.roleOf}
        />
        {room.aside}
      </Stage>
      <ControlBar
        audio={state.local.audio}
        video={state.local.video}
        cameraStarting={cameraButtonOf(media) === 'starting'}
        share={client.share}
        canShare={canShare}
        unavailable={{ microphone: media.problems.microphone !== null, camera: media.problems.camera !== null }}
        refusals={{ microphone: moderation.micRefusal, share: moderation.shareRefusal }}
        onToggleMicrophone={() => client.toggleMicrophone()}
        onToggleCamera={() => client.toggleCamera()}
        onToggleShare={() => client.toggleScreenShare()}
        onLeave={() => client.leave()}
        onEndForEveryone={moderation.hosting ? () => void client.endForEveryone() : undefined}
        extra={<DeviceMenu media={client.media} />}
        devices={<DeviceSelectors media={client.media} />}
        room={{
          controls: room.controls,
          wideControls: (
            <>
              {room.wideControls}
              <LayoutButton {...layoutSwitch} />
            </>
          ),
          moreItems: (close) => (
            <>
              {room.moreItems(close)}
              <LayoutMoreItem
                {...layoutSwitch}
                onChange={(mode) => {
                  close();
                  stage.setMode(mode);
                }}
              />
            </>
          ),
        }}
      />
    </Page>
  );
}
