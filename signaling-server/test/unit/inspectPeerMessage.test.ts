import { describe, expect, it } from 'vitest';
import { inspectPeerMessage } from '../../src/peer/inspectPeerMessage.js';

const tagOf = (id: string) => /^([0-9a-f]{12})-/.exec(id)?.[1] ?? null;
const mine = 'aaaaaaaaaaaa';
const sameMeeting = 'aaaaaaaaaaaa-0123456789abcdef0123';
const otherMeeting = 'bbbbbbbbbbbb-0123456789abcdef0123';

describe('inspectPeerMessage', () => {
  it.each([
    [{ type: 'HEARTBEAT' }, 'ok'],
    [{ type: 'OFFER', dst: sameMeeting, payload: {} }, 'ok'],
    [{ type: 'CANDIDATE', dst: sameMeeting }, 'ok'],
    [{ type: 'OFFER', dst: otherMeeting }, 'foreign-meeting'],
    [{ type: 'ANSWER', dst: 'not-one-of-ours' }, 'foreign-meeting'],
    [{ type: 'OFFER' }, 'malformed'],
    [{ type: 'OFFER', dst: 42 }, 'malformed'],
    [{ type: 'OPEN', dst: sameMeeting }, 'malformed'],
    [{ type: 'ID-TAKEN', dst: sameMeeting }, 'malformed'],
    [['OFFER'], 'malformed'],
    [null, 'malformed'],
    ['"just a string"', 'malformed'],
  ])('%j -> %s', (message, verdict) => {
    const data = typeof message === 'string' ? message : JSON.stringify(message);
    expect(inspectPeerMessage(Buffer.from(data), false, mine, tagOf)).toBe(verdict);
  });

  it('drops binary frames and unparsable text', () => {
    expect(inspectPeerMessage(Buffer.from('{"type":"HEARTBEAT"}'), true, mine, tagOf)).toBe('malformed');
    expect(inspectPeerMessage(Buffer.from('{nope'), false, mine, tagOf)).toBe('malformed');
  });
});
