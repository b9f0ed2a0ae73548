import { useMemo } from 'react';
import styled, { ThemeProvider } from 'styled-components';
import { callProblemSentence } from '../../call/callProblem.js';
import { cameraButtonOf } from '../../call/cameraButton.js';
import { mediaAccessMessage } from '../../call/mediaAccessMessage.js';
import { mediaFailureMessage } from '../../call/mediaFailure.js';
import type { MeetingClient } from '../../call/meetingClient.js';
import { useCallState } from '../../hooks/useCallState.js';
import { useLocalMediaState } from '../../hooks/useLocalMediaState.js';
import type { Platform } from '../../platform/Platform.js';
import { Notice } from '../../ui/components/Notice.js';
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
import { MeetingHeader } from './MeetingHeader.js';
import { useMeetingActions } from './useMeetingActions.js';
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
  const media = useLocalMediaState(client.media);
  const actions = useMeetingActions(client);
  const presenter = useDeferredPresenter(state);
  const canShare = typeof navigator.mediaDevices?.getDisplayMedia === 'function';
  const mediaErrors = state.remotes.filter((tile) => tile.mediaFailure !== null);
  // Written now, in the language of this render.
  const meetingError = state.error
    ? callProblemSentence(state.error)
    : media.error
      ? mediaAccessMessage(media.error)
      : null;
  const moderation = useModerationParts(client.moderation, state);
  const lobby = useKnockers(client.lobby, moderation.room.mayModerate);
  const stage = useStageLayout();
  const quality = useConnectionQuality(
    (peerId) => client.remote.stats(peerId),
    state.remotes.map((tile) => ({ peerId: tile.peerId, cameraOn: tile.media.video })),
  );
  // The participants list's quality marks (each tile shows its own: StageTile).
  const qualityOf = (peerId: string) =>
    state.remotes.find((tile) => tile.peerId === peerId)?.connection === 'connected' ? (
      <LiveQuality monitor={quality} peerId={peerId} on="list" />
    ) : null;
  const room = useMeetingRoom(
    client.room,
    state,
    client.media.microphoneTrack,
    { ...stage, qualityOf },
    (title) => client.notify(title),
    moderation.room,
    lobby.announcement,
  );

  // What the control bar is given keeps its identity until what it shows changes: it is memoised, and a change of
  // the call it does not show (our share reaching our own view, a remote tile) must not render it again.
  const micUnavailable = media.problems.microphone !== null;
  const cameraUnavailable = media.problems.camera !== null;
  const unavailable = useMemo(
    () => ({ microphone: micUnavailable, camera: cameraUnavailable }),
    [micUnavailable, cameraUnavailable],
  );
  const { micRefusal, shareRefusal } = moderation;
  const refusals = useMemo(() => ({ microphone: micRefusal, share: shareRefusal }), [micRefusal, shareRefusal]);
  const deviceMenu = useMemo(() => <DeviceMenu media={client.media} />, [client.media]);
  const deviceSelectors = useMemo(() => <DeviceSelectors media={client.media} />, [client.media]);
  const { controls, wideControls, moreItems } = room;
  const { mode, setMode } = stage;
  const roomControls = useMemo(
    () => ({
      controls,
      wideControls: (
        <>
          {wideControls}
          <LayoutButton mode={mode} onChange={setMode} />
        </>
      ),
      moreItems: (close: () => void) => (
        <>
          {moreItems(close)}
          <LayoutMoreItem
            mode={mode}
            onChange={(next) => {
              close();
              setMode(next);
            }}
          />
        </>
      ),
    }),
    [controls, wideControls, moreItems, mode, setMode],
  );

  return (
    <Page data-testid="meeting-view">
      <MeetingHeader
        title={state.meeting?.title ?? ''}
        code={client.code}
        count={state.remotes.length + 1}
        inviteUrl={state.meeting?.inviteUrl ?? ''}
      />
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
          self={state.self}
          audio={state.local.audio}
          video={state.local.video}
          remotes={state.remotes}
          microphone={client.media.microphoneTrack}
          preview={media.previewId !== null ? client.media.previewStream : null}
          presenter={presenter}
          overlay={room.overlay}
          choice={stage}
          quality={quality}
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
        unavailable={unavailable}
        refusals={refusals}
        onToggleMicrophone={actions.toggleMicrophone}
        onToggleCamera={actions.toggleCamera}
        onToggleShare={actions.toggleShare}
        onLeave={actions.leave}
        onEndForEveryone={moderation.hosting ? actions.endForEveryone : undefined}
        extra={deviceMenu}
        devices={deviceSelectors}
        room={roomControls}
      />
    </Page>
  );
}
