import type { RaisedHand } from '@wava/protocol';
import { useEffect, useRef, useState } from 'react';
import styled from 'styled-components';
import type { MeetingPerson } from './meetingPeople.js';
import { i18n } from '../../i18n/i18n.js';
import type { RoomState } from './roomStore.js';

const Live = styled.div`
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
`;

/**
 * A polite live region: chat messages from others, hands going up and down, and sentences from other features
 * (`extra`: the host's powers, each said once when its `id` changes; `notice`: someone knocking, when it changes).
 */
export function RoomAnnouncer({
  state,
  people,
  extra = null,
  notice = null,
}: {
  state: RoomState;
  people: readonly MeetingPerson[];
  extra?: { id: number; text: string } | null;
  notice?: string | null;
}) {
  const [message, setMessage] = useState('');
  const hands = useRef<readonly RaisedHand[] | null>(null);
  const names = useRef(people);
  const announced = useRef<RoomState['lastIncoming']>(null);
  useEffect(() => {
    names.current = people;
  });

  useEffect(() => {
    const before = { incoming: announced.current, hands: hands.current };
    announced.current = state.lastIncoming;
    hands.current = state.hands;
    const sentence = roomAnnouncement(before, state, names.current);
    if (sentence) setMessage(sentence);
  }, [state]);

  // A new sentence from another feature replaces what was said (adjusted while rendering, not in an effect).
  const [saidExtra, setSaidExtra] = useState(extra);
  if (extra !== saidExtra) {
    setSaidExtra(extra);
    if (extra) setMessage(extra.text);
  }
  // A new notice replaces the message as it renders (no effect needed: it comes from props).
  const [lastNotice, setLastNotice] = useState(notice);
  if (notice !== lastNotice) {
    setLastNotice(notice);
    if (notice) setMessage(notice);
  }

  return (
    <Live aria-live="polite" role="status" data-testid="room-announcer">
      {message}
    </Live>
  );
}

/** What changed between two room states, in words: a new message from someone else, hands up and down. */
function roomAnnouncement(
  before: { incoming: RoomState['lastIncoming']; hands: readonly RaisedHand[] | null },
  after: RoomState,
  people: readonly MeetingPerson[],
): string | null {
  const sentences: string[] = [];
  const incoming = after.lastIncoming;
  if (incoming && incoming !== before.incoming) {
    sentences.push(
      incoming.to
        ? i18n.t('room.saysPrivately', { name: incoming.from.displayName, text: incoming.text })
        : i18n.t('room.says', { name: incoming.from.displayName, text: incoming.text }),
    );
  }
  // The hands already up when we arrive are shown, not announced.
  if (before.hands !== null && before.hands !== after.hands) {
    const nameOf = (peerId: string) =>
      people.find((person) => person.peerId === peerId)?.displayName ?? i18n.t('room.someone');
    const had = new Set(before.hands.map((hand) => hand.peerId));
    const has = new Set(after.hands.map((hand) => hand.peerId));
    for (const hand of after.hands) {
      if (!had.has(hand.peerId)) sentences.push(i18n.t('room.handRaised', { name: nameOf(hand.peerId) }));
    }
    for (const hand of before.hands) {
      if (!has.has(hand.peerId)) sentences.push(i18n.t('room.handLowered', { name: nameOf(hand.peerId) }));
    }
  }
  return sentences.length > 0 ? sentences.join('. ') : null;
}
