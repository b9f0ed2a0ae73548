import { apiError, socketAuthSchema, type ErrorCode } from '@wava/protocol';
import type { ExtendedError } from 'socket.io';
import type { AuthService } from '../auth/createAuthService.js';
import { AppError } from '../errors/AppError.js';
import { authenticateGuest, type GuestHandshake } from '../lobby/authenticateGuest.js';
import type { WavaSocket } from './socketTypes.js';

/**
 * `io.use()` middleware: the handshake's `auth.token` must be a valid access token. A refused handshake's
 * `connect_error` has the ErrorCode as its message and the ApiError as `data`; TOKEN_EXPIRED tells the
 * client to refresh and reconnect.
 */
export function authenticateHandshake(auth: AuthService, guests?: GuestHandshake) {
  return (socket: WavaSocket, next: (error?: ExtendedError) => void): void => {
    const parsed = socketAuthSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(refusal('UNAUTHENTICATED'));
    // A guest session's token (lobby/authenticateGuest.ts); anything else must be an account's access token.
    if (
      guests &&
      authenticateGuest(socket, parsed.data.token, guests, (code) => next(code ? refusal(code) : undefined))
    )
      return;
    auth.authenticate(parsed.data.token).then(
      ({ user, sessionId }) => {
        // The hash is never needed on a connection: not kept for its lifetime (heap per idle connection).
        const { passwordHash: _hash, ...withoutHash } = user;
        socket.data.user = withoutHash;
        socket.data.sessionId = sessionId;
        socket.data.membership = null;
        // The access token has done its job: not kept for the connection's lifetime (memory per idle
        // connection, and one less copy of a credential in the heap).
        socket.handshake.auth = {};
        next();
      },
      (error: unknown) => next(refusal(error instanceof AppError ? error.code : 'INTERNAL')),
    );
  };
}

function refusal(code: ErrorCode): ExtendedError {
  const error = new Error(code) as ExtendedError;
  error.data = apiError(code);
  return error;
}
