import type { ErrorCode } from '@wava/protocol';

/**
 * Whether an answer from our server means this sign-in is over and the refresh token is worthless:
 * none was presented, it expired, or it was revoked (`signInRevoked`). The person must sign in again.
 */
export function sessionEnded(code: ErrorCode): boolean {
  switch (code) {
    case 'UNAUTHENTICATED':
    case 'TOKEN_EXPIRED':
    case 'TOKEN_INVALID':
    case 'REFRESH_REUSED':
      return true;
    default:
      return false;
  }
}
