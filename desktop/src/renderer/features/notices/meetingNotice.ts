import type { ChatMessage, RaisedHand } from '@wava/protocol';
import { missingCaseError } from '@wava/protocol';
import { i18n } from '../../i18n/i18n.js';

/**
 * Something that happened in the meeting worth telling: kept as data (who, what), so its sentence is written at
 * render time in the language of the moment.
 */
export type MeetingNotice =
  | { kind: 'joined'; name: string }
  | { kind: 'left'; name: string }
  /** `self`: our own hand (announced, but no sound or banner: we did it). */
  | { kind: 'hand-raised'; name: string; self: boolean }
  | { kind: 'hand-lowered'; name: string; self: boolean }
  /** `chatOpen`: the chat was open when it arrived (the person sees it there). */
  | { kind: 'message'; name: string; text: string; private: boolean; chatOpen: boolean };

/** What notices are told from: the meeting's people, hands and chat at one moment. */
export interface NoticeSource {
  /** The first participant list is in (the people present on arrival are not "joining"). */
  ready: boolean;
  selfPeerId: string | null;
  /** Everyone, ourselves included. */
  people: ReadonlyArray<{ peerId: string; displayName: string }>;
  hands: readonly RaisedHand[];
  lastIncoming: ChatMessage | null;
  chatOpen: boolean;
}

/**
 * What happened between two moments: people who joined or left, hands up and down, a new message from someone
 * else. Nothing is told of the moment we arrive (`before` null, or not ready yet): who is there and whose hand is
 * up are shown, not announced.
 */
export function noticesBetween(before: NoticeSource | null, after: NoticeSource): MeetingNotice[] {
  if (before === null || !before.ready || !after.ready) return [];
  const notices: MeetingNotice[] = [];
  const others = (source: NoticeSource) => source.people.filter((person) => person.peerId !== source.selfPeerId);
  const had = new Set(others(before).map((person) => person.peerId));
  const has = new Set(others(after).map((person) => person.peerId));
  for (const person of others(after))
    if (!had.has(person.peerId)) notices.push({ kind: 'joined', name: person.displayName });
  for (const person of others(before))
    if (!has.has(person.peerId)) notices.push({ kind: 'left', name: person.displayName });

  if (before.hands !== after.hands) {
    const nameOf = (peerId: string) =>
      after.people.find((person) => person.peerId === peerId)?.displayName ??
      before.people.find((person) => person.peerId === peerId)?.displayName ??
      '';
    const up = new Set(before.hands.map((hand) => hand.peerId));
    const stillUp = new Set(after.hands.map((hand) => hand.peerId));
    for (const hand of after.hands) {
      if (!up.has(hand.peerId))
        notices.push({ kind: 'hand-raised', name: nameOf(hand.peerId), self: hand.peerId === after.selfPeerId });
    }
    for (const hand of before.hands) {
      // Someone who left takes their hand with them: their leaving is the news.
      if (!stillUp.has(hand.peerId) && (has.has(hand.peerId) || hand.peerId === after.selfPeerId))
        notices.push({ kind: 'hand-lowered', name: nameOf(hand.peerId), self: hand.peerId === after.selfPeerId });
    }
  }

  const incoming = after.lastIncoming;
  if (incoming && incoming !== before.lastIncoming) {
    notices.push({
      kind: 'message',
      name: incoming.from.displayName,
      text: incoming.text,
      private: Boolean(incoming.to),
      chatOpen: after.chatOpen,
    });
  }
  return notices;
}

/** The notice as a sentence, in the current language (for the live region and the banner): call it at render. */
export function noticeSentence(notice: MeetingNotice): string {
  const t = i18n.t;
  switch (notice.kind) {
    case 'joined':
      return t('meeting.joined', { name: notice.name });
    case 'left':
      return t('meeting.left', { name: notice.name });
    case 'hand-raised':
      return t('room.handRaised', { name: notice.name || t('room.someone') });
    case 'hand-lowered':
      return t('room.handLowered', { name: notice.name || t('room.someone') });
    case 'message':
      return notice.private
        ? t('room.saysPrivately', { name: notice.name, text: notice.text })
        : t('room.says', { name: notice.name, text: notice.text });
    default:
      throw missingCaseError(notice);
  }
}

/** Sentences read one after another: each ends with a full stop unless it already ends a sentence. */
export function joinSentences(sentences: readonly string[]): string {
  return sentences
    .map((sentence) => (/[.!?。…]$/u.test(sentence.trim()) ? sentence.trim() : `${sentence.trim()}.`))
    .join(' ');
}

/** The sound a notice makes. */
export type Chime = 'arrive' | 'leave' | 'attention';

/**
 * The sound of a notice, if it makes one (then it also shows as a banner): none for what we did ourselves, nor for
 * a message we see in the open chat.
 */
export function chimeFor(notice: MeetingNotice): Chime | null {
  switch (notice.kind) {
    case 'joined':
      return 'arrive';
    case 'left':
      return 'leave';
    case 'hand-raised':
      return notice.self ? null : 'attention';
    case 'hand-lowered':
      return null;
    case 'message':
      return notice.chatOpen ? null : 'attention';
    default:
      throw missingCaseError(notice);
  }
}

/**
 * Whether a notice also goes to the system's notifications (the app decides there whether its window is in front):
 * hands and messages here; joins and leaves are notified by the call core (call/meetingMesh).
 */
export function notifiesSystem(notice: MeetingNotice): boolean {
  return (notice.kind === 'hand-raised' || notice.kind === 'message') && chimeFor(notice) !== null;
}
