import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';
import { deriveKey } from './deriveKey.js';

export interface KnockTickets {
  /** A ticket saying that `identity` first knocked on the meeting at `knockedAt`. */
  issue(meetingId: string, identity: string, knockedAt: number): string;
  /** When the ticket's holder first knocked, if the ticket is ours and names this meeting and person. */
  knockedAt(ticket: string, meetingId: string, identity: string): number | null;
}

/**
 * Signed knock tickets, so that a knocker who reconnects (or whose server restarted) keeps their place in the
 * queue without the server storing the queue: `<knockedAt>.<HMAC(meeting, identity, knockedAt)>`.
 */
export function createKnockTickets(secret: KeyObject): KnockTickets {
  const key = deriveKey(secret, 'knock-tickets');
  const mac = (meetingId: string, identity: string, knockedAt: number) =>
    createHmac('sha256', key.export()).update(`${meetingId}\n${identity}\n${knockedAt}`).digest('base64url');
  return {
    issue: (meetingId, identity, knockedAt) => `${knockedAt}.${mac(meetingId, identity, knockedAt)}`,
    knockedAt(ticket, meetingId, identity) {
      const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
      if (!match) return null;
      const knockedAt = Number(match[1]);
      const expected = Buffer.from(mac(meetingId, identity, knockedAt));
      const given = Buffer.from(match[2]!);
      return expected.length === given.length && timingSafeEqual(expected, given) ? knockedAt : null;
    },
  };
}
