import { describe, expect, it } from 'vitest';
import { linkifyText } from '../../src/renderer/features/room/linkifyText.js';

describe('linkifyText', () => {
  it.each([
    ['no links here', [{ kind: 'text', text: 'no links here' }]],
    [
      'see https://example.com/a?b=c.',
      [
        { kind: 'text', text: 'see ' },
        { kind: 'link', text: 'https://example.com/a?b=c', href: 'https://example.com/a?b=c' },
        { kind: 'text', text: '.' },
      ],
    ],
    [
      '(http://wava.test)',
      [
        { kind: 'text', text: '(' },
        { kind: 'link', text: 'http://wava.test', href: 'http://wava.test/' },
        { kind: 'text', text: ')' },
      ],
    ],
  ])('%s', (text, parts) => {
    expect(linkifyText(text)).toEqual(parts);
  });

  it('never makes a link of another scheme or of markup', () => {
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      '<a href="javascript:alert(1)">x</a>',
    ]) {
      expect(linkifyText(text).filter((part) => part.kind === 'link')).toEqual([]);
      expect(
        linkifyText(text)
          .map((part) => part.text)
          .join(''),
      ).toBe(text);
    }
  });

  it('stops a link at quotes and angle brackets', () => {
    const parts = linkifyText('<https://example.com/x">');
    expect(parts.find((part) => part.kind === 'link')).toMatchObject({ href: 'https://example.com/x' });
  });
});
