import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/** A key of its own for one purpose (`label`), derived from a server secret: one secret, no key used twice. */
export function deriveKey(secret: KeyObject, label: string): KeyObject {
  return createSecretKey(createHmac('sha256', secret.export()).update(`wava:${label}`).digest());
}
