import type { UserRecord } from '../db/Storage.js';
import type { GuestIdentity } from './createGuestSessions.js';

/**
 * A guest as the rest of the signalling code sees a person: an id (`g_...`, never an account's) and a name. The
 * connection's `data.guest` says it is a guest; nothing here can sign in.
 */
export function guestUser(guest: GuestIdentity): UserRecord {
  return { id: guest.id, username: '', displayName: guest.displayName, passwordHash: '', createdAt: 0 };
}
