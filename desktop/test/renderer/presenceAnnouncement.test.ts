import { describe, expect, it } from 'vitest';
import { presenceAnnouncement } from '../../src/renderer/features/meeting/presenceAnnouncement.js';

const ada = { peerId: 'p1', displayName: 'Ada' };
const bo = { peerId: 'p2', displayName: 'Bo' };
const cy = { peerId: 'p3', displayName: 'Cy' };

describe('presenceAnnouncement (what the live region says)', () => {
  it.each([
    ['nobody came or went', [ada], [ada], null],
    ['someone joined', [ada], [ada, bo], 'Bo joined the meeting.'],
    ['someone left', [ada, bo], [ada], 'Bo left the meeting.'],
    ['one joined while another left', [ada, bo], [ada, cy], 'Cy joined the meeting. Bo left the meeting.'],
    ['a renamed tile is not a join', [ada], [{ ...ada, displayName: 'Ada L.' }], null],
  ])('%s', (_case, before, after, sentence) => {
    expect(presenceAnnouncement(before, after)).toBe(sentence);
  });
});
