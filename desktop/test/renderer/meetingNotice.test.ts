import type { ChatMessage, RaisedHand } from '@wava/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chimeFor,
  joinSentences,
  noticesBetween,
  noticeSentence,
  notifiesSystem,
  type MeetingNotice,
  type NoticeSource,
} from '../../src/renderer/features/notices/meetingNotice.js';
import { applyLanguage } from '../../src/renderer/i18n/applyLanguage.js';

const me = { peerId: 'p0', displayName: 'Me' };
const ada = { peerId: 'p1', displayName: 'Ada' };
const bo = { peerId: 'p2', displayName: 'Bo' };
const cy = { peerId: 'p3', displayName: 'Cy' };
const hand = (peerId: string): RaisedHand => ({ peerId, raisedAt: '2026-01-01T00:00:00.000Z' }) as RaisedHand;
const message = (from: { peerId: string; displayName: string }, text: string, to: ChatMessage['to'] = null) =>
  ({ id: text, from, to, text, sentAt: '2026-01-01T00:00:00.000Z' }) as unknown as ChatMessage;

const at = (over: Partial<NoticeSource> = {}): NoticeSource => ({
  ready: true,
  selfPeerId: me.peerId,
  people: [me, ada, bo],
  hands: [],
  lastIncoming: null,
  chatOpen: false,
  ...over,
});

afterEach(() => applyLanguage('en'));

describe('what is worth telling between two moments', () => {
  const base = at();
  const hello = message(ada, 'hello');
  it.each<[string, NoticeSource | null, NoticeSource, MeetingNotice[]]>([
    ['nothing changed', base, base, []],
    ['the moment we arrive: who is there and raised hands are not news', null, at({ hands: [hand('p1')] }), []],
    ['the first list once ready is not news', at({ ready: false, people: [me] }), at(), []],
    ['someone joined', base, at({ people: [me, ada, bo, cy] }), [{ kind: 'joined', name: 'Cy' }]],
    ['someone left', base, at({ people: [me, ada] }), [{ kind: 'left', name: 'Bo' }]],
    ['a renamed person is not a join', base, at({ people: [me, { ...ada, displayName: 'Ada L.' }, bo] }), []],
    ['a hand went up', base, at({ hands: [hand('p2')] }), [{ kind: 'hand-raised', name: 'Bo', self: false }]],
    ['our own hand went up', base, at({ hands: [hand('p0')] }), [{ kind: 'hand-raised', name: 'Me', self: true }]],
    [
      'a hand went down',
      at({ hands: [hand('p1')] }),
      at({ hands: [] }),
      [{ kind: 'hand-lowered', name: 'Ada', self: false }],
    ],
    [
      'someone left with their hand up: only the leaving is news',
      at({ hands: [hand('p2')] }),
      at({ people: [me, ada], hands: [] }),
      [{ kind: 'left', name: 'Bo' }],
    ],
    [
      'a message while the chat is closed',
      base,
      at({ lastIncoming: hello }),
      [{ kind: 'message', name: 'Ada', text: 'hello', private: false, chatOpen: false }],
    ],
    [
      'a private message while the chat is open',
      base,
      at({
        lastIncoming: message(ada, 'psst', { peerId: 'p0', displayName: 'Me' } as ChatMessage['to']),
        chatOpen: true,
      }),
      [{ kind: 'message', name: 'Ada', text: 'psst', private: true, chatOpen: true }],
    ],
    ['the same message again is not news', at({ lastIncoming: hello }), at({ lastIncoming: hello }), []],
  ])('%s', (_name, before, after, expected) => {
    expect(noticesBetween(before, after)).toEqual(expected);
  });
});

describe('how each notice is told', () => {
  it.each<[MeetingNotice, string | null, boolean]>([
    [{ kind: 'joined', name: 'Cy' }, 'arrive', false],
    [{ kind: 'left', name: 'Cy' }, 'leave', false],
    [{ kind: 'hand-raised', name: 'Bo', self: false }, 'attention', true],
    [{ kind: 'hand-raised', name: 'Me', self: true }, null, false],
    [{ kind: 'hand-lowered', name: 'Bo', self: false }, null, false],
    [{ kind: 'message', name: 'Ada', text: 'hi', private: false, chatOpen: false }, 'attention', true],
    [{ kind: 'message', name: 'Ada', text: 'hi', private: false, chatOpen: true }, null, false],
  ])('%o: sound %s, system notification %s', (notice, chime, system) => {
    expect(chimeFor(notice)).toBe(chime);
    expect(notifiesSystem(notice)).toBe(system);
  });

  it('is written in the language of the moment it is shown, not of the moment it happened', () => {
    const notices: MeetingNotice[] = [
      { kind: 'joined', name: 'Cy' },
      { kind: 'hand-raised', name: 'Bo', self: false },
    ];
    expect(joinSentences(notices.map(noticeSentence))).toBe('Cy joined the meeting. Bo raised their hand.');
    applyLanguage('ko');
    expect(joinSentences(notices.map(noticeSentence))).toBe('Cy 님이 회의에 참여했습니다. Bo님이 손을 들었습니다.');
  });

  it('does not double a sentence’s own full stop', () => {
    expect(joinSentences(['Ada says: see you.', 'Bo says: ok?', 'Cy left'])).toBe(
      'Ada says: see you. Bo says: ok? Cy left.',
    );
  });
});
