import type { z } from 'zod';
import { isErrorCode, type ErrorCode } from './errors.js';

/**
 * Schemas in this package put an ErrorCode in each issue's message; this picks the first one,
 * so a failed parse turns into exactly one code from the closed set.
 */
export function firstErrorCode(error: z.ZodError, fallback: ErrorCode = 'BAD_REQUEST'): ErrorCode {
  for (const issue of error.issues) {
    if (isErrorCode(issue.message)) return issue.message;
  }
  return fallback;
}
