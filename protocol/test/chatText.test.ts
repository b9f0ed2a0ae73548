import { describe, expect, it } from 'vitest';
import { chatSendSchema, firstErrorCode } from '../src/index.js';

function codeOf(text: unknown) {
  const result = chatSendSchema.safeParse({ text });
  return result.success ? 'OK' : firstErrorCode(result.error);
}

describe('chat text rules', () => {
  it.each([
    ['hello', 'OK'],
    ['two\nlines\tand a tab', 'OK'],
    ['محمد رضا: می\u200Cخواهم', 'OK'],
    ['👩\u200D💻 see https://example.com', 'OK'],
    ['   ', 'CHAT_MESSAGE_INVALID'],
    ['x'.repeat(2001), 'CHAT_MESSAGE_INVALID'],
    [42, 'CHAT_MESSAGE_INVALID'],
    // A right-to-left override makes "https://example.com/‮gpj.exe" read as a picture.
    ['https://example.com/\u202Egpj.exe', 'CHAT_MESSAGE_CHARACTERS'],
    ['\u2067isolated\u2069', 'CHAT_MESSAGE_CHARACTERS'],
    ['left\u200Bspace', 'CHAT_MESSAGE_CHARACTERS'],
    ['bell\u0007', 'CHAT_MESSAGE_CHARACTERS'],
    ['line\u2028separator', 'CHAT_MESSAGE_CHARACTERS'],
    ['\u3164', 'CHAT_MESSAGE_CHARACTERS'],
  ])('%j -> %s', (text, expected) => {
    expect(codeOf(text)).toBe(expected);
  });
});
