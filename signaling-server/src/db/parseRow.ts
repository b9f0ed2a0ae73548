import type { z } from 'zod';

/** A row the database returned, checked against its schema; null when there was no row. */
export function parseRow<T>(schema: z.ZodType<T>, row: unknown): T | null {
  return row === undefined || row === null ? null : schema.parse(row);
}
