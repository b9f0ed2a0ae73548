import { z } from 'zod';
import { ERROR_CODES } from './errors.js';

/**
 * The JSON shape of every error the server sends: HTTP bodies and socket acks alike. `retryAfterSeconds`
 * accompanies RATE_LIMITED and TOO_MANY_MEETINGS (HTTP also sends it as the `Retry-After` header).
 */
export const apiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  retryAfterSeconds: z.number().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
