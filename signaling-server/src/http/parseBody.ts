import { firstErrorCode } from '@wava/protocol';
import type { z } from 'zod';
import { AppError } from '../errors/AppError.js';

/** Validates an HTTP body with a protocol schema; a failure becomes one error code from the closed set. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError(firstErrorCode(parsed.error));
  return parsed.data;
}
