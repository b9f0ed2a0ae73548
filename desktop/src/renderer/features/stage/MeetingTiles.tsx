import type { MeetingRole } from '@wava/protocol';
import { useSyncExternalStore, type ReactNode } from 'react';
import type { Presenter } from '../../call/callSelectors.js';
import type { CallState } from '../../call/callState.js';
import type { MeetingClient } from '../../call/meetingClient.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { ParticipantTile } from '../meeting/ParticipantTile.js';
import { ScreenStage } from '../meeting/ScreenStage.js';
import type { ConnectionQuality } from './connectionQuality.js';
import { avatarSizeFor, MeetingStage, type TilePlace } from './MeetingStage.js';
import { meetingVoices } from './meetingVoices.js';
import { QualityIndicator } from './QualityIndicator.js';
import { PinButton, TileCorner } from './TileCorner.js';
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
  /** A remote person's measured connection quality, while connected. */
  qualityOf(peerId: string): ConnectionQuality | null;
  /** Host, co-host or participant (features/moderation). */
  roleOf(userId: string): MeetingRole;
}

/**
 * Everyone's tile in the chosen layout, with who speaks (ours and the received voices), pin buttons, connection
 * quality, and the shared screen large.
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
  // In an SFU meeting Janus says who talks: re-render when it does.
  useSyncExternalStore(client.remote.sfuTalkers.subscribe, client.remote.sfuTalkers.getSnapshot);
  const speech = useSpeaking(
    meetingVoices(
      state,
      client.media.microphoneTrack,
      (id, kind) => client.remote.stream(id, kind),
      (id) => client.remote.talkingBySfu(id),
    ),
  );
  const people = [...(self ? [self.peerId] : []), ...state.remotes.map((tile) => tile.peerId)];
  const layout = useLayout({
    mode: choice.mode,
    people,
    selfId: self?.peerId ?? null,
    pinned: choice.pinned,
    presenting: presenter !== null,
    active: speech.active,
  });
  const nameOf = (peerId: string) =>
    self && peerId === self.peerId
      ? t('meeting.you', { name: self.displayName })
      : (state.remotes.find((tile) => tile.peerId === peerId)?.displayName ?? '');
  const corner = (peerId: string, name: string) => {
    const each = qualityOf(peerId);
    return (
      <TileCorner>
        {each ? <QualityIndicator quality={each} /> : null}
        <PinButton name={name} pinned={choice.pinned === peerId} onPin={(pin) => choice.pin(pin ? peerId : null)} />
      </TileCorner>
    );
  };
  const tile = (peerId: string, place: TilePlace) => {
    const common = {
      peerId,
      avatarSize: avatarSizeFor(place),
      overlay: overlay(peerId),
      speaking: speech.speaking.has(peerId),
      activeSpeaker: speech.active === peerId,
    };
    if (self && peerId === self.peerId) {
      return (
        <ParticipantTile
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
      <ParticipantTile
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
