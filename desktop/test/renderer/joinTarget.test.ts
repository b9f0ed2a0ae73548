import { describe, expect, it } from 'vitest';
import { joinProblemSentence, joinTargetOf } from '../../src/renderer/features/home/joinTarget.js';
import { applyLanguage } from '../../src/renderer/i18n/applyLanguage.js';

const SERVER = 'https://meet.example.com';

describe('joinTargetOf (what a person types into "Join a meeting")', () => {
  it.each([
    ['a code', 'abc-defg-hij', 'abc-defg-hij'],
    ['a code in capitals with spaces around', '  ABC-DEFG-HIJ ', 'abc-defg-hij'],
    ['a code without dashes', 'abcdefghij', 'abc-defg-hij'],
    ['a code with spaces instead of dashes', 'abc defg hij', 'abc-defg-hij'],
    ['an invite link to this server', 'https://meet.example.com/j/abc-defg-hij', 'abc-defg-hij'],
    ['an invite link with a trailing slash', 'https://meet.example.com/j/abc-defg-hij/', 'abc-defg-hij'],
    ['a wava:// link', 'wava://join/abc-defg-hij', 'abc-defg-hij'],
    ['a wava:// link naming this server', 'wava://join/abc-defg-hij?server=https://meet.example.com', 'abc-defg-hij'],
  ])('accepts %s', (_name, input, code) => {
    expect(joinTargetOf(input, SERVER)).toEqual({ ok: true, code });
  });

  it('accepts links to this server when the server URL has a path or trailing slash', () => {
    expect(joinTargetOf('https://meet.example.com/j/abc-defg-hij', 'https://meet.example.com/')).toEqual({
      ok: true,
      code: 'abc-defg-hij',
    });
  });

  it.each([
    ['nothing', '   ', /Enter a meeting code/],
    ['a code that is too short', 'abc-defg', /not a meeting code/],
    ['letters and digits', 'abc-d3fg-hij', /not a meeting code/],
    ['another page of this server', 'https://meet.example.com/settings', /not a meeting code/],
    ['a javascript: URL', 'javascript:alert(1)', /not a meeting code/],
    ['a link with credentials', 'https://user:pw@meet.example.com/j/abc-defg-hij', /not a meeting code/],
  ])('refuses %s with a sentence', (_name, input, message) => {
    const target = joinTargetOf(input, SERVER);
    expect(target.ok).toBe(false);
    if (!target.ok) expect(joinProblemSentence(target.problem)).toMatch(message);
  });

  it('says when an invite belongs to another Wava server, naming it', () => {
    const target = joinTargetOf('https://other.example.org/j/abc-defg-hij', SERVER);
    expect(target).toEqual({ ok: false, problem: { reason: 'other-server', host: 'other.example.org' } });
    if (target.ok) return;
    expect(joinProblemSentence(target.problem)).toBe(
      'That invite is for another Wava server (other.example.org). Open the link itself to join there.',
    );
    applyLanguage('ko');
    try {
      expect(joinProblemSentence(target.problem)).toBe(
        '다른 Wava 서버(other.example.org)의 초대입니다. 그 서버에서 참여하려면 링크를 직접 여세요.',
      );
    } finally {
      applyLanguage('en');
    }
  });
});
