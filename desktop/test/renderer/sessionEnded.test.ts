import { endsSession as sessionEnded, ERROR_CODES, signInRevoked } from '@wava/protocol';
import { describe, expect, it } from 'vitest';

describe('sessionEnded', () => {
  it('is true exactly for the answers after which the person must sign in again', () => {
    expect(ERROR_CODES.filter(sessionEnded)).toEqual([
      'UNAUTHENTICATED',
      'TOKEN_EXPIRED',
      'TOKEN_INVALID',
      'REFRESH_REUSED',
    ]);
  });

  it('includes every revoked sign-in', () => {
    for (const code of ERROR_CODES.filter(signInRevoked)) expect(sessionEnded(code), code).toBe(true);
  });
});
