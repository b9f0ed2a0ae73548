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
    [{ ...good, password: 'short' }, 'PASSWORD_TOO_SHORT'],
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
