import type { MeetingRole, Participant } from '@wava/protocol';
import { memo, useCallback, type ReactNode } from 'react';
import type { Presenter } from '../../call/callSelectors.js';
import type { RemoteTile } from '../../call/callState.js';
import type { MeetingClient } from '../../call/meetingClient.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { ScreenStage } from '../meeting/ScreenStage.js';
import { useMeetingActions } from '../meeting/useMeetingActions.js';
import { MeetingStage } from './MeetingStage.js';
import { meetingVoices } from './meetingVoices.js';
import type { QualityMonitor } from './qualityMonitor.js';
import { StageTile } from './StageTile.js';
import { followsActiveSpeaker } from './stageLayout.js';
import { useActiveSpeaker } from './useActiveSpeaker.js';
import { useLayout } from './useLayout.js';
import { useSpeaking } from './useSpeaking.js';
import type { StageChoice } from './useStageLayout.js';

/**
 * The parts of the call the stage shows, each passed on its own (not the whole call state): a change of anything
 * else (our share before it is shown, an error, the connection banner) leaves them all the same and the stage is not
 * rendered again.
 */
export interface MeetingTilesProps {
  client: MeetingClient;
  self: Participant | null;
  /** What we send (our tile). */
  audio: boolean;
  video: boolean;
  remotes: readonly RemoteTile[];
  /** Our microphone (who speaks listens to it), read again whenever the local media change. */
  microphone: MediaStreamTrack | null;
  /** Our camera preview while it is up (our tile shows it). */
  preview: MediaStream | null;
  /** Who shares a screen (deferred: the re-layout renders at low priority). */
  presenter: Presenter | null;
  /** The hand and reactions over one person's tile (features/room). */
  overlay(peerId: string): ReactNode;
  choice: StageChoice;
  /** Each remote person's measured connection quality (its indicator on their tile). */
  quality: Pick<QualityMonitor, 'subscribe' | 'getSnapshot'>;
  /** Host, co-host or participant (features/moderation). */
  roleOf(userId: string): MeetingRole;
}

/**
 * Everyone's tile in the chosen layout, with who speaks (ours and the received voices), pin buttons, connection
 * quality, and the shared screen large. Who speaks re-renders only the tiles concerned (ten readings a second, and
 * the SFU's talking events, never re-render the stage), and the stage itself only when speaker view follows a new
 * active speaker. Memoised, like each tile (StageTile): every prop keeps its identity until what it says changes.
 */
export const MeetingTiles = memo(function MeetingTiles({
  client,
  self,
  audio,
  video,
  remotes,
  microphone,
  preview,
  presenter,
  overlay,
  choice,
  quality,
  roleOf,
}: MeetingTilesProps) {
  const { t } = useTranslation();
  // In an SFU meeting Janus says who talks: the monitor reads it again when it changes.
  const speech = useSpeaking(
    () =>
      meetingVoices(
        { self, local: { audio }, remotes },
        microphone,
        (id, kind) => client.remote.stream(id, kind),
        (id) => client.remote.talkingBySfu(id),
      ),
    client.remote.sfuTalkers.subscribe,
  );
  const reportWidth = useCallback((peerId: string, width: number) => client.remote.tileWidth(peerId, width), [client]);
  const { toggleShare } = useMeetingActions(client);
  const people = [...(self ? [self.peerId] : []), ...remotes.map((tile) => tile.peerId)];
  const shape = { mode: choice.mode, people, pinned: choice.pinned, presenting: presenter !== null };
  const active = useActiveSpeaker(speech, followsActiveSpeaker(shape));
  const layout = useLayout({ ...shape, selfId: self?.peerId ?? null, active });
  const nameOf = (peerId: string) =>
    self && peerId === self.peerId
      ? t('meeting.you', { name: self.displayName })
      : (remotes.find((tile) => tile.peerId === peerId)?.displayName ?? '');
  const tile = (peerId: string) => {
    const common = { peerId, overlay, speech, pin: choice.pin, pinned: choice.pinned === peerId };
    if (self && peerId === self.peerId) {
      return (
        <StageTile
          key={peerId}
          {...common}
          self
          displayName={self.displayName}
          guest={self.guest === true}
          role={roleOf(self.userId)}
          audio={audio}
          video={video}
          connection="connected"
          stream={preview}
          pinName={t('meeting.you', { name: self.displayName })}
          quality={null}
        />
      );
    }
    const remote = remotes.find((candidate) => candidate.peerId === peerId);
    if (!remote) return null;
    return (
      <StageTile
        key={peerId}
        {...common}
        self={false}
        displayName={remote.displayName}
        guest={remote.guest}
        role={roleOf(remote.userId)}
        reportWidth={reportWidth}
        audio={remote.media.audio}
        video={remote.media.video}
        connection={remote.connection}
        stream={remote.cameraStreamId ? client.remote.stream(remote.peerId, 'camera') : null}
        pinName={remote.displayName}
        quality={quality}
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
            onStop={toggleShare}
          />
        ) : null
      }
    />
  );
});
