import { createHmac } from 'node:crypto';

export interface TurnCredentials {
  username: string;
  credential: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * TURN REST API credentials, as coturn's `use-auth-secret` checks them:
 * username `<expiry unix seconds>:<userId>`, credential base64(HMAC-SHA1(secret, username)).
 */
export function turnCredentials(secret: string, userId: string, expiresAtMs: number): TurnCredentials {
  const expirySeconds = Math.floor(expiresAtMs / 1000);
  const username = `${expirySeconds}:${userId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential, expiresAt: expirySeconds * 1000 };
}
