import { ERROR_CODES, mediaStateSchema, type Participant } from '@wava/protocol';
import { z } from 'zod';

/**
 * The server is ours, but what arrives over the wire is still checked before it reaches the UI:
 * a malformed event is logged and dropped instead of breaking the meeting.
 */
export const participantSchema: z.ZodType<Participant> = z.object({
  peerId: z.string().min(1).max(128),
  userId: z.string().min(1),
  displayName: z.string(),
  media: mediaStateSchema,
  joinedAt: z.string(),
});

export const participantLeftSchema = z.object({
  peerId: z.string().min(1).max(128),
  reason: z.enum(['left', 'disconnected', 'meeting-ended']),
});

export const shutdownSchema = z.object({ reconnectAfterMs: z.number().nonnegative().max(600_000) });

/** `session:revoked`: an ApiError; only its code is used (the sentence is ours, from `userMessage`). */
export const sessionRevokedSchema = z.object({ code: z.enum(ERROR_CODES) });
