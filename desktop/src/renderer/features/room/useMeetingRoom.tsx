import type { ReactionEmoji } from '@wava/protocol';
import { useCallback, useMemo, type ReactNode } from 'react';
import { isHost } from '../../call/callSelectors.js';
import type { CallState } from '../../call/callState.js';
import type { RoomLink } from '../../call/roomLink.js';
import type { RoomModeration } from '../moderation/roomModeration.js';
import { MeetingAnnouncer, type ExtraAnnouncement } from '../notices/MeetingAnnouncer.js';
import { useMeetingNotices } from '../notices/useMeetingNotices.js';
import { ChatPanel } from './ChatPanel.js';
import { handPosition, meetingPeople } from './meetingPeople.js';
import { ParticipantsPanel } from './ParticipantsPanel.js';
import { ChatButton, HandButton, ParticipantsButton, ReactionsMenu, RoomMoreItems } from './RoomControls.js';
import { TileOverlay } from './TileOverlay.js';
import { useHandAutoLower } from './useHandAutoLower.js';
import { useRoom } from './useRoom.js';
import { useRoomPanels } from './useRoomPanels.js';

export interface MeetingRoomParts {
  /** Always in the control bar: the chat button. */
  controls: ReactNode;
  /** In the control bar on wide screens: hand, reactions, participants. */
  wideControls: ReactNode;
  /** The same inside the "More" menu on narrow screens; `close` closes the menu. */
  moreItems: (close: () => void) => ReactNode;
  /** The open side panel, if any, the live region and the notice banners. */
  aside: ReactNode;
  /** The hand and reactions over one person's tile. */
  overlay: (peerId: string) => ReactNode;
}

/** What the stage (features/stage) lends the participants list: pinning, and each person's connection quality. */
export interface StageLinks {
  pinned: string | null;
  pin(peerId: string | null): void;
  /** A remote person's connection quality, drawn in their row; null for ourselves or before it is measured. */
  qualityOf(peerId: string): ReactNode;
}

/**
 * Chat, raised hands, reactions and the participants list of a meeting, as parts for the meeting screen;
 * `moderation` adds the host's powers (roles, the host's menus, refusals, announcements).
 */
export function useMeetingRoom(
  link: RoomLink,
  call: CallState,
  microphone: MediaStreamTrack | null,
  stage: StageLinks,
  /** A system notification about this meeting (the platform shows it only when the window is not in front). */
  notify: (title: string) => void,
  moderation?: RoomModeration,
  /** News from outside the room features for the same live region (someone knocking, features/lobby). */
  notice: ExtraAnnouncement | null = null,
): MeetingRoomParts {
  const { room, state } = useRoom(link);
  const { panel, open, close: closePanel, toggle, chatButton } = useRoomPanels(room);
  const roleOf = moderation?.roleOf;
  // Memoised like what is made from it below (the controls are memoised on its length).
  const people = useMemo(() => meetingPeople(call, roleOf), [call, roleOf]);
  const selfPeerId = call.self?.peerId ?? null;
  const raised = selfPeerId !== null && handPosition(state.hands, selfPeerId) !== null;
  const host = moderation?.mayModerate ?? isHost(call);
  const toggleHand = useCallback(() => void (raised ? room.lowerHand() : room.raiseHand()), [raised, room]);
  const react = useCallback((emoji: ReactionEmoji) => void room.react(emoji), [room]);
  const notices = useMeetingNotices(
    {
      ready: call.phase === 'in-meeting',
      selfPeerId,
      people,
      hands: state.hands,
      lastIncoming: state.lastIncoming,
      chatOpen: state.chatOpen,
    },
    notify,
  );
  useHandAutoLower(call.local.audio ? microphone : null, raised, () => void room.lowerHand());

  // The control bar's parts, the tiles' overlay and the live region are made again only when what they show changes:
  // what draws them is memoised on them, so a change of the call that is not theirs (a share starting) renders none.
  const count = people.length;
  const { unread, hands, reactions } = state;
  const controls = useMemo(
    () => <ChatButton ref={chatButton} open={panel === 'chat'} unread={unread} onToggle={() => toggle('chat')} />,
    [chatButton, panel, unread, toggle],
  );
  const wideControls = useMemo(
    () => (
      <>
        <HandButton raised={raised} onToggle={toggleHand} />
        <ReactionsMenu onReact={react} />
        <ParticipantsButton open={panel === 'participants'} count={count} onToggle={() => toggle('participants')} />
      </>
    ),
    [raised, toggleHand, react, panel, count, toggle],
  );
  const moreItems = useCallback(
    (close: () => void) => (
      <RoomMoreItems
        raised={raised}
        count={count}
        onToggleHand={() => {
          close();
          toggleHand();
        }}
        onOpenParticipants={() => {
          close();
          open('participants');
        }}
        onReact={(emoji) => {
          close();
          react(emoji);
        }}
      />
    ),
    [raised, count, toggleHand, open, react],
  );
  const overlay = useCallback(
    (peerId: string) => (
      <TileOverlay
        hand={handPosition(hands, peerId)}
        reactions={reactions.filter((reaction) => reaction.peerId === peerId)}
      />
    ),
    [hands, reactions],
  );
  const moderationNews = moderation?.announcement ?? null;
  const announcer = useMemo(
    () => <MeetingAnnouncer notices={notices} extra={[moderationNews, notice]} />,
    [notices, moderationNews, notice],
  );

  return {
    controls,
    wideControls,
    moreItems,
    aside: (
      <>
        {announcer}
        {panel === 'chat' ? (
          <ChatPanel
            room={room}
            state={state}
            selfPeerId={selfPeerId}
            others={people.filter((person) => !person.self)}
            isHost={host}
            refusal={moderation?.chatRefusal}
            onClose={closePanel}
          />
        ) : null}
        {panel === 'participants' ? (
          <ParticipantsPanel
            people={people}
            room={room}
            state={state}
            isHost={host}
            moderation={moderation}
            stage={stage}
            onClose={closePanel}
          />
        ) : null}
      </>
    ),
    overlay,
  };
}
