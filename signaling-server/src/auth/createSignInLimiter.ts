import type { WindowLimit } from '../config/Config.js';
import { createSlidingWindowLimiter } from './createSlidingWindowLimiter.js';

export interface SignInLimits {
  /** Failed sign-ins for one username from one address. */
  perUsernameAndIp: WindowLimit;
  /** Failed sign-ins for one username from every address that has not signed in to it lately. */
  perUsername: WindowLimit;
  /**
   * Once `perUsername` is reached: attempts for that username from one address not known to it. Small, so a
   * campaign over many addresses stays slow, but the owner at a new address is not locked out.
   */
  pastCeilingPerUsernameAndIp: WindowLimit;
  /** Failed sign-ins from one address, whatever the username. */
  perIp: WindowLimit;
  /** How long an address that signed in to an account stays exempt from that account's `perUsername` ceiling. */
  knownAddressMs: number;
  /** Most (username, address) pairs remembered as known; the oldest are forgotten first. */
  knownAddressesMax: number;
}

/** A sign-in attempt that holds its place in every limit until the password has been checked. */
export type SignInAttempt = { allowed: false; retryAfterMs: number } | { allowed: true; succeeded(): void };

export interface SignInLimiter {
  /**
   * Reserves one attempt, synchronously, BEFORE the slow password check: concurrent guesses cannot all pass a
   * check that is recorded later. The reservation counts as a failure unless `succeeded()` is called.
   */
  reserve(username: string, ip: string): SignInAttempt;
}

/**
 * Sign-in limits an attacker elsewhere cannot turn against the owner of an account: failures are counted per
 * (username, address), so guessing from one place blocks only that place; a much larger per-username ceiling
 * over a longer window stops a guessing campaign spread over many addresses, and addresses that signed in to the
 * account successfully lately are exempt from it, so the owner still gets in while it holds; past that ceiling, any
 * other address still gets a few attempts (`pastCeilingPerUsernameAndIp`), so the owner at a new address is not
 * locked out either. Per address, failures across usernames are limited too (password spraying). A good password
 * takes its reservations back.
 */
export function createSignInLimiter(limits: SignInLimits, now: () => number): SignInLimiter {
  const perPair = createSlidingWindowLimiter(limits.perUsernameAndIp, now);
  const perUsername = createSlidingWindowLimiter(limits.perUsername, now);
  const perIp = createSlidingWindowLimiter(limits.perIp, now);
  const pastCeiling = createSlidingWindowLimiter(limits.pastCeilingPerUsernameAndIp, now);
  /** (username, address) -> until when it is known. Insertion order is age order: the first entry is oldest. */
  const known = new Map<string, number>();

  function isKnown(pair: string): boolean {
    const until = known.get(pair);
    if (until === undefined) return false;
    if (until > now()) return true;
    known.delete(pair);
    return false;
  }

  function remember(pair: string): void {
    known.delete(pair);
    known.set(pair, now() + limits.knownAddressMs);
    while (known.size > limits.knownAddressesMax) known.delete(known.keys().next().value!);
  }

  return {
    reserve(username, ip) {
      const pair = `${username}\u0000${ip}`;
      const byIp = perIp.hit(ip);
      if (!byIp.allowed) return byIp;
      const byPair = perPair.hit(pair);
      if (!byPair.allowed) {
        perIp.release(ip);
        return byPair;
      }
      let counted: 'known' | 'username' | 'past-ceiling' = 'known';
      if (!isKnown(pair)) {
        counted = perUsername.hit(username).allowed ? 'username' : 'past-ceiling';
        if (counted === 'past-ceiling') {
          const byPairPastCeiling = pastCeiling.hit(pair);
          if (!byPairPastCeiling.allowed) {
            perIp.release(ip);
            perPair.release(pair);
            return byPairPastCeiling;
          }
        }
      }
      return {
        allowed: true,
        succeeded() {
          perIp.release(ip);
          perPair.release(pair);
          if (counted === 'username') perUsername.release(username);
          if (counted === 'past-ceiling') pastCeiling.release(pair);
          remember(pair);
        },
      };
    },
  };
}
