import styled from 'styled-components';
import { Icon } from '../../ui/components/Icon.js';
import { RoleBadge } from '../moderation/RoleBadge.js';
import type { RoomModeration } from '../moderation/roomModeration.js';
import { handPosition, type MeetingPerson } from './meetingPeople.js';
import { useTranslation } from '../../i18n/useTranslation.js';
import type { RoomState, RoomStore } from './roomStore.js';
import { SidePanel } from './SidePanel.js';
import type { StageLinks } from './useMeetingRoom.js';

const List = styled.ul`
  flex: 1;
  min-height: 0;
  overflow-y: auto;
  margin: 0;
  padding: ${({ theme }) => theme.space(2)};
  list-style: none;
`;

/** The name keeps a readable width: the states and buttons wrap under it when the panel is too narrow for all. */
const Row = styled.li`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: ${({ theme }) => theme.space(2)};
  padding: ${({ theme }) => `${theme.space(2)} ${theme.space(3)}`};
  border-radius: ${({ theme }) => theme.radius.md};
`;

const Name = styled.span`
  flex: 1 1 8em;
  min-width: min(8em, 100%);
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  small {
    margin-left: ${({ theme }) => theme.space(1)};
    color: ${({ theme }) => theme.color.textMuted};
  }
`;

const States = styled.span`
  display: inline-flex;
  align-items: center;
  gap: ${({ theme }) => theme.space(1.5)};
  color: ${({ theme }) => theme.color.textMuted};
`;

const HandMark = styled.span`
  display: inline-flex;
  align-items: center;
  gap: 2px;
  color: ${({ theme }) => theme.color.warning};
  font-weight: ${({ theme }) => theme.font.weight.bold};
`;

const LowerButton = styled.button`
  border: 1px solid ${({ theme }) => theme.color.border};
  background: transparent;
  color: inherit;
  border-radius: ${({ theme }) => theme.radius.pill};
  padding: ${({ theme }) => `${theme.space(1)} ${theme.space(2)}`};
  font-size: ${({ theme }) => theme.font.size.xs};
  white-space: nowrap;
  cursor: pointer;
`;

const PinToggle = styled.button`
  display: inline-grid;
  place-items: center;
  width: 32px;
  height: 32px;
  flex: none;
  border-radius: 50%;
  border: 1px solid ${({ theme }) => theme.color.border};
  background: transparent;
  color: inherit;
  cursor: pointer;
  &[aria-pressed='true'] {
    background: ${({ theme }) => theme.color.accentFill};
    border-color: ${({ theme }) => theme.color.accentFill};
    color: #fff;
  }
`;

export interface ParticipantsPanelProps {
  people: readonly MeetingPerson[];
  room: RoomStore;
  state: RoomState;
  /** We host the meeting: we may lower anyone's hand. */
  isHost: boolean;
  /** The host's powers: the meeting-wide controls above the list, and a menu per person. */
  moderation?: RoomModeration;
  /** Whom we pinned to the large area (each row pins or unpins its person), and connection qualities. */
  stage: StageLinks;
  onClose(): void;
}

/** Everyone in the meeting, raised hands first in the order they went up, with their microphone, camera and screen. */
export function ParticipantsPanel({ people, room, state, isHost, moderation, stage, onClose }: ParticipantsPanelProps) {
  const { t } = useTranslation();
  const order = (person: MeetingPerson) => handPosition(state.hands, person.peerId) ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...people].sort((a, b) => order(a) - order(b));
  return (
    <SidePanel
      title={t('room.participantsCount', { count: people.length })}
      closeLabel={t('room.closeParticipants')}
      onClose={onClose}
      testId="participants-panel"
    >
      {moderation?.header}
      <List aria-label={t('room.participants')}>
        {sorted.map((person) => {
          const hand = handPosition(state.hands, person.peerId);
          const name = person.self ? t('meeting.you', { name: person.displayName }) : person.displayName;
          const pinned = stage.pinned === person.peerId;
          return (
            <Row
              key={person.peerId}
              data-testid="participant-row"
              data-peer-id={person.peerId}
              data-display-name={person.displayName}
              data-role={person.role}
              data-hand={hand ?? ''}
            >
              <Name>
                {name}
                {person.role !== 'participant' ? (
                  <small>
                    <RoleBadge role={person.role} />
                  </small>
                ) : null}
                {person.guest ? <small>{t('lobby.guest')}</small> : null}
              </Name>
              <States>
                {person.self ? null : stage.qualityOf(person.peerId)}
                {hand !== null ? (
                  <HandMark data-testid="participant-hand">
                    <Icon name="hand" size={16} label={t('room.handRaisedNumber', { position: hand })} />
                    {hand}
                  </HandMark>
                ) : null}
                {person.media.screen ? <Icon name="screen" size={16} label={t('room.presenting')} /> : null}
                <Icon
                  name={person.media.audio ? 'mic' : 'micOff'}
                  size={16}
                  label={person.media.audio ? t('room.micOn') : t('room.micOff')}
                />
                <Icon
                  name={person.media.video ? 'camera' : 'cameraOff'}
                  size={16}
                  label={person.media.video ? t('room.cameraOn') : t('room.cameraOff')}
                />
              </States>
              {hand !== null && (person.self || isHost) ? (
                <LowerButton
                  type="button"
                  onClick={() => void room.lowerHand(person.self ? undefined : person.peerId)}
                  data-testid="participant-lower-hand"
                >
                  {person.self ? t('room.lowerHand') : t('room.lowerHandOf', { name: person.displayName })}
                </LowerButton>
              ) : null}
              <PinToggle
                type="button"
                aria-pressed={pinned}
                aria-label={t('stage.pinName', { name })}
                title={pinned ? t('stage.unpinName', { name }) : t('stage.pinName', { name })}
                onClick={() => stage.pin(pinned ? null : person.peerId)}
                data-testid="participant-pin"
              >
                <Icon name="pin" size={16} />
              </PinToggle>
              {moderation?.menu(person)}
            </Row>
          );
        })}
      </List>
    </SidePanel>
  );
}
