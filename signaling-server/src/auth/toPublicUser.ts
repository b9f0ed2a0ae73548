import type { PublicUser } from '@wava/protocol';
import type { UserRecord } from '../db/Storage.js';

export function toPublicUser(user: UserRecord): PublicUser {
  return { id: user.id, username: user.username, displayName: user.displayName };
}
