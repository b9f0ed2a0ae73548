import { ERROR_CODES } from '@wava/protocol';
import { z } from 'zod';

export { participantLeftSchema, participantSchema } from '@wava/protocol';

/**
 * The server is ours, but what arrives over the wire is still checked before it reaches the UI:
 * a malformed event is logged and dropped instead of breaking the meeting.
 */
export const shutdownSchema = z.object({ reconnectAfterMs: z.number().nonnegative().max(600_000) });

/** `session:revoked`: an ApiError; only its code is used (the sentence is ours, from `userMessage`). */
export const sessionRevokedSchema = z.object({ code: z.enum(ERROR_CODES) });
