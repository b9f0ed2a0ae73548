import type { MeetingRole } from '@wava/protocol';
import type { ReactNode } from 'react';
import type { Presenter } from '../../call/callSelectors.js';
import type { CallState } from '../../call/callState.js';
import type { MeetingClient } from '../../call/meetingClient.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { ScreenStage } from '../meeting/ScreenStage.js';
import { avatarSizeFor, MeetingStage, type TilePlace } from './MeetingStage.js';
import { meetingVoices } from './meetingVoices.js';
import { SpeakingTile } from './SpeakingTile.js';
import { followsActiveSpeaker } from './stageLayout.js';
import { PinButton, TileCorner } from './TileCorner.js';
import { useActiveSpeaker } from './useActiveSpeaker.js';
import { useLayout } from './useLayout.js';
import { useSpeaking } from './useSpeaking.js';
import type { StageChoice } from './useStageLayout.js';

export interface MeetingTilesProps {
  client: MeetingClient;
  state: CallState;
  /** Who shares a screen (deferred: the re-layout renders at low priority). */
  presenter: Presenter | null;
  /** Our camera preview is up (our tile shows it). */
  previewing: boolean;
  /** The hand and reactions over one person's tile (features/room). */
  overlay(peerId: string): ReactNode;
  choice: StageChoice;
  /** A remote person's measured connection quality (its indicator), while connected; null for ourselves. */
  qualityOf(peerId: string): ReactNode;
  /** Host, co-host or participant (features/moderation). */
  roleOf(userId: string): MeetingRole;
}

/**
 * Everyone's tile in the chosen layout, with who speaks (ours and the received voices), pin buttons, connection
 * quality, and the shared screen large. Who speaks re-renders only the tiles concerned (ten readings a second, and
 * the SFU's talking events, never re-render the stage), and the stage itself only when speaker view follows a new
 * active speaker.
 */
export function MeetingTiles({
  client,
  state,
  presenter,
  previewing,
  overlay,
  choice,
  qualityOf,
  roleOf,
}: MeetingTilesProps) {
  const { t } = useTranslation();
  const self = state.self;
  // In an SFU meeting Janus says who talks: the monitor reads it again when it changes.
  const speech = useSpeaking(
    () =>
      meetingVoices(
        state,
        client.media.microphoneTrack,
        (id, kind) => client.remote.stream(id, kind),
        (id) => client.remote.talkingBySfu(id),
      ),
    client.remote.sfuTalkers.subscribe,
  );
  const people = [...(self ? [self.peerId] : []), ...state.remotes.map((tile) => tile.peerId)];
  const shape = { mode: choice.mode, people, pinned: choice.pinned, presenting: presenter !== null };
  const active = useActiveSpeaker(speech, followsActiveSpeaker(shape));
  const layout = useLayout({ ...shape, selfId: self?.peerId ?? null, active });
  const nameOf = (peerId: string) =>
    self && peerId === self.peerId
      ? t('meeting.you', { name: self.displayName })
      : (state.remotes.find((tile) => tile.peerId === peerId)?.displayName ?? '');
  const corner = (peerId: string, name: string) => (
    <TileCorner>
      {qualityOf(peerId)}
      <PinButton name={name} pinned={choice.pinned === peerId} onPin={(pin) => choice.pin(pin ? peerId : null)} />
    </TileCorner>
  );
  const tile = (peerId: string, place: TilePlace) => {
    const common = {
      peerId,
      avatarSize: avatarSizeFor(place),
      overlay: overlay(peerId),
      speech,
    };
    if (self && peerId === self.peerId) {
      return (
        <SpeakingTile
          key={peerId}
          {...common}
          self
          displayName={self.displayName}
          guest={self.guest === true}
          role={roleOf(self.userId)}
          audio={state.local.audio}
          video={state.local.video}
          connection="connected"
          stream={previewing ? client.media.previewStream : null}
          actions={corner(peerId, t('meeting.you', { name: self.displayName }))}
        />
      );
    }
    const remote = state.remotes.find((candidate) => candidate.peerId === peerId);
    if (!remote) return null;
    return (
      <SpeakingTile
        key={peerId}
        {...common}
        self={false}
        displayName={remote.displayName}
        guest={remote.guest}
        role={roleOf(remote.userId)}
        onWidth={(width) => client.remote.tileWidth(remote.peerId, width)}
        audio={remote.media.audio}
        video={remote.media.video}
        connection={remote.connection}
        stream={remote.cameraStreamId ? client.remote.stream(remote.peerId, 'camera') : null}
        actions={corner(peerId, remote.displayName)}
      />
    );
  };

  return (
    <MeetingStage
      layout={layout}
      people={people}
      pinned={choice.pinned}
      tile={tile}
      largeLabel={
        layout.kind === 'focus'
          ? t(layout.pinned ? 'stage.largePinned' : 'stage.largeSpeaker', { name: nameOf(layout.large) })
          : ''
      }
      screen={
        presenter ? (
          <ScreenStage
            presenter={presenter.displayName}
            self={presenter.self}
            stream={presenter.self ? client.localScreen : client.remote.stream(presenter.peerId, 'screen')}
            onStop={() => client.toggleScreenShare()}
          />
        ) : null
      }
    />
  );
}
