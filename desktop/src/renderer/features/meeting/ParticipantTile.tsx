import { useContext, type ReactNode } from 'react';
import { missingCaseError, type MeetingRole } from '@wava/protocol';
import styled from 'styled-components';
import type { ConnectionState } from '../../call/callState.js';
import { Avatar } from '../../ui/components/Avatar.js';
import { Icon } from '../../ui/components/Icon.js';
import { StreamVideo } from '../../ui/components/StreamVideo.js';
import { RoleBadge, roleName } from '../moderation/RoleBadge.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import { useWidthReport } from '../../hooks/useWidthReport.js';
import { i18n } from '../../i18n/i18n.js';
import { TileAvatarSize } from './TileAvatarSize.js';

/**
 * A tile's ring: whoever speaks gets a thick one, the active speaker (still highlighted in a pause) a thinner
 * one. Its width, not only its colour, shows it; so does the speaking mark beside the name.
 */
const Frame = styled.figure<{ $trouble: boolean; $ring: 0 | 2 | 4 }>`
  position: relative;
  margin: 0;
  aspect-ratio: 16 / 9;
  border-radius: ${({ theme }) => theme.radius.lg};
  overflow: hidden;
  background: ${({ theme }) => theme.color.tile};
  border: 1px solid ${({ theme, $trouble }) => ($trouble ? theme.color.danger : theme.color.tileBorder)};
  color: ${({ theme }) => theme.color.onStage};
  outline: ${({ theme, $ring }) => ($ring > 0 ? `${$ring}px solid ${theme.color.speaking}` : 'none')};
  outline-offset: ${({ $ring }) => `-${$ring}px`};
  transition: outline-width ${({ theme }) => theme.motion.fast};
`;

const SpeakingMark = styled.span`
  display: inline-grid;
  place-items: center;
  color: ${({ theme }) => theme.color.speaking};
`;

const Center = styled.div`
  position: absolute;
  inset: 0;
  display: grid;
  place-items: center;
  pointer-events: none;
`;

const NamePlate = styled.figcaption`
  position: absolute;
  left: ${({ theme }) => theme.space(2)};
  bottom: ${({ theme }) => theme.space(2)};
  max-width: calc(100% - 16px);
  display: inline-flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(1.5)};
  padding: ${({ theme }) => `${theme.space(1)} ${theme.space(2.5)}`};
  border-radius: ${({ theme }) => theme.radius.pill};
  background: rgba(0, 0, 0, 0.55);
  font-size: ${({ theme }) => theme.font.size.sm};
  font-weight: ${({ theme }) => theme.font.weight.medium};
  span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;

const MutedMark = styled.span`
  display: inline-grid;
  place-items: center;
  color: ${({ theme }) => theme.color.controlOff};
`;

const Badge = styled.span<{ $tone: 'warning' | 'danger' }>`
  position: absolute;
  top: ${({ theme }) => theme.space(2)};
  left: ${({ theme }) => theme.space(2)};
  display: inline-flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(1)};
  padding: ${({ theme }) => `${theme.space(0.5)} ${theme.space(2)}`};
  border-radius: ${({ theme }) => theme.radius.pill};
  font-size: ${({ theme }) => theme.font.size.xs};
  font-weight: ${({ theme }) => theme.font.weight.medium};
  background: ${({ theme, $tone }) => ($tone === 'danger' ? theme.color.dangerFill : 'rgba(0,0,0,0.6)')};
  color: #fff;
`;

export interface ParticipantTileProps {
  peerId: string;
  self: boolean;
  displayName: string;
  /** Joined without an account: the name says so. */
  guest?: boolean;
  audio: boolean;
  video: boolean;
  connection: ConnectionState;
  stream: MediaStream | null;
  /** Drawn over the tile: a raised hand, reactions (features/room). */
  overlay?: ReactNode;
  /** Host or co-host is shown beside the name (features/moderation). */
  role?: MeetingRole;
  /** Told the tile's width when it changes (a large meeting receives the camera at the size it is shown). */
  onWidth?: (width: number) => void;
  /** Their voice is heard now (never while their microphone is off). */
  speaking?: boolean;
  /** The active speaker: the last person who spoke for a while. */
  activeSpeaker?: boolean;
  /** Buttons in the tile's corner (pin, connection quality: features/stage). */
  actions?: ReactNode;
}

/** One participant: video (or their initials), name, microphone state and how their connection is doing. */
export function ParticipantTile({
  peerId,
  self,
  displayName,
  guest = false,
  audio,
  video,
  connection,
  stream,
  overlay,
  role = 'participant',
  onWidth,
  speaking: speakingNow = false,
  activeSpeaker = false,
  actions,
}: ParticipantTileProps) {
  const { t } = useTranslation();
  const frame = useWidthReport<HTMLElement>(onWidth);
  // In a large meeting only the last-N speakers' cameras are received: the others' streams carry their voice only.
  const showVideo = video && stream !== null && stream.getVideoTracks().length > 0 && connection !== 'failed';
  const shown = guest ? t('lobby.guestLabel', { name: displayName }) : displayName;
  const shownName = self ? t('meeting.you', { name: shown }) : shown;
  const roleText = roleName(role);
  const name = roleText ? t('moderation.nameWithRole', { name: shownName, role: roleText }) : shownName;
  const badge = connectionBadge(connection);
  const speaking = speakingNow && audio;
  const states = {
    microphone: t(audio ? 'meeting.on' : 'meeting.off'),
    camera: t(video ? 'meeting.on' : 'meeting.off'),
  };
  return (
    <Frame
      ref={frame}
      data-testid="tile"
      data-peer-id={peerId}
      data-self={self ? 'true' : 'false'}
      data-display-name={displayName}
      data-audio={audio ? 'on' : 'off'}
      data-video={video ? 'on' : 'off'}
      data-connection={connection}
      data-role={role}
      data-speaking={speaking ? 'true' : 'false'}
      data-active-speaker={activeSpeaker ? 'true' : 'false'}
      $trouble={connection === 'failed'}
      $ring={speaking ? 4 : activeSpeaker ? 2 : 0}
      aria-label={tileLabel(
        badge
          ? t('meeting.tileLabelWithState', { name, ...states, state: badge.text })
          : t('meeting.tileLabel', { name, ...states }),
        speaking,
      )}
    >
      <StreamVideo stream={stream} muted={self} mirrored={self} hidden={!showVideo} testId="tile-video" />
      {showVideo ? null : (
        <Center>
          <TileAvatar name={displayName} />
        </Center>
      )}
      {badge ? (
        <Badge $tone={badge.tone}>
          {badge.tone === 'danger' ? <Icon name="alert" size={12} /> : <Icon name="reconnect" size={12} />}
          {badge.text}
        </Badge>
      ) : null}
      {overlay}
      {actions}
      <NamePlate>
        {speaking ? (
          <SpeakingMark data-testid="tile-speaking">
            <Icon name="speaking" size={14} label={i18n.t('stage.speaking')} />
          </SpeakingMark>
        ) : null}
        {audio ? null : (
          <MutedMark>
            <Icon name="micOff" size={14} label={t('meeting.microphoneOff')} />
          </MutedMark>
        )}
        <span>{shownName}</span>
        <RoleBadge role={role} onStage />
      </NamePlate>
    </Frame>
  );
}

/** The initials, as large as the place the tile is drawn in makes them (TileAvatarSize). */
function TileAvatar({ name }: { name: string }) {
  return <Avatar name={name} size={useContext(TileAvatarSize)} />;
}

/** The tile's name for assistive tech, saying when the person speaks. */
function tileLabel(label: string, speaking: boolean): string {
  return speaking ? i18n.t('stage.tileSpeaking', { label }) : label;
}

function connectionBadge(connection: ConnectionState): { text: string; tone: 'warning' | 'danger' } | null {
  switch (connection) {
    case 'connected':
      return null;
    case 'connecting':
      return { text: i18n.t('meeting.connecting'), tone: 'warning' };
    case 'reconnecting':
      return { text: i18n.t('meeting.reconnecting'), tone: 'warning' };
    case 'failed':
      return { text: i18n.t('meeting.cannotConnect'), tone: 'danger' };
    default:
      throw missingCaseError(connection);
  }
}
