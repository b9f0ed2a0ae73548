import type { ErrorCode } from '@wava/protocol';

/**
 * Whether an answer from our server means this sign-in is over: signed out (perhaps on another device)
 * or its refresh token was replayed. Reconnecting cannot help; the person must sign in again.
 */
export function signInRevoked(code: ErrorCode): boolean {
  return code === 'TOKEN_INVALID' || code === 'REFRESH_REUSED';
}
