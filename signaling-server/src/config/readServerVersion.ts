import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const manifestSchema = z.object({ version: z.string() });

/** The server's version, from its package.json (shown by /healthz and /api/config). */
export function readServerVersion(packageDir: string): string {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')));
    return parsed.success ? parsed.data.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
