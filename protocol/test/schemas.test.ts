import { describe, expect, it } from 'vitest';
import { firstErrorCode, registerRequestSchema, type loginRequestSchema } from '../src/index.js';

function codeOf(schema: typeof registerRequestSchema | typeof loginRequestSchema, body: unknown) {
  const result = schema.safeParse(body);
  return result.success ? 'OK' : firstErrorCode(result.error);
}

describe('registration rules', () => {
  const good = { username: 'Ada.L', displayName: 'Ada Lovelace', password: 'correct horse' };
  it.each([
    [good, 'OK'],
    [{ ...good, username: '' }, 'FIELD_MISSING'],
    [{ ...good, username: undefined }, 'FIELD_MISSING'],
    [{ ...good, displayName: '   ' }, 'FIELD_MISSING'],
    [{ ...good, password: '' }, 'FIELD_MISSING'],
    [{ ...good, username: 'ab' }, 'USERNAME_INVALID'],
    [{ ...good, username: 'has space' }, 'USERNAME_INVALID'],
    [{ ...good, username: 'x'.repeat(33) }, 'USERNAME_INVALID'],
    [{ ...good, displayName: 'x'.repeat(65) }, 'DISPLAY_NAME_INVALID'],
    [{ ...good, displayName: 'Ada\nLovelace' }, 'DISPLAY_NAME_CHARACTERS'],
    [{ ...good, displayName: 'Ada\tLovelace' }, 'DISPLAY_NAME_CHARACTERS'],
    [{ ...good, displayName: 'Ada \u202Eecalevol' }, 'DISPLAY_NAME_CHARACTERS'],
    [{ ...good, displayName: 'Ada \u2067Host\u2069' }, 'DISPLAY_NAME_CHARACTERS'],
    [{ ...good, displayName: 'Ada\u200BLovelace' }, 'DISPLAY_NAME_CHARACTERS'],
    [{ ...good, displayName: 'Ada\u2028Lovelace' }, 'DISPLAY_NAME_CHARACTERS'],
    [{ ...good, displayName: '\u3164' }, 'DISPLAY_NAME_CHARACTERS'],
    [{ ...good, displayName: 'Ada\u0007' }, 'DISPLAY_NAME_CHARACTERS'],
    [{ ...good, displayName: 'Zoë Müller-Łukasiewicz' }, 'OK'],
    [{ ...good, displayName: 'محمد رضا' }, 'OK'],
    [{ ...good, displayName: 'می\u200Cخواهم' }, 'OK'],
    [{ ...good, displayName: 'Ada 👩\u200D💻' }, 'OK'],
    [{ ...good, displayName: '山田 太郎' }, 'OK'],
    [{ ...good, password: 'short' }, 'PASSWORD_TOO_SHORT'],
    [{ ...good, password: ' '.repeat(8) }, 'PASSWORD_BLANK'],
    [{ ...good, password: '\t \n'.repeat(4) }, 'PASSWORD_BLANK'],
    [{ ...good, password: '   a    ' }, 'OK'],
    [{ ...good, password: 'x'.repeat(129) }, 'PASSWORD_TOO_LONG'],
    [{ ...good, password: 12345678 }, 'FIELD_MISSING'],
    [null, 'BAD_REQUEST'],
  ])('%j -> %s', (body, expected) => {
    expect(codeOf(registerRequestSchema, body)).toBe(expected);
  });

  it('stores usernames in lower case', () => {
    expect(registerRequestSchema.parse(good).username).toBe('ada.l');
  });
});
