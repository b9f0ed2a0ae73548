import { createHash } from 'node:crypto';

/** SHA-256 hex of an opaque token: what the database keeps instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
