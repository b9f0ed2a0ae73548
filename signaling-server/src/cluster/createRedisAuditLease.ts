import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SfuStore } from '../sfu/SfuStore.js';

/** An instance's audit lease (one server audits it at a time); its PX after an audit paces the next one. */
const auditLeaseKey = (instance: string) => `wava:sfu:audit:lease:${instance}`;
/** How many audits of the instance have started (any server's). */
const auditCountKey = (instance: string) => `wava:sfu:audit:count:${instance}`;
/** Set (PX the sweep interval) when an audit of the instance starts: a sweep meanwhile is not needed. */
const auditRecentKey = (instance: string) => `wava:sfu:audit:recent:${instance}`;
/** The longest one audit may hold its instance's lease (it lists every session and handle there). */
const AUDIT_LEASE_MS = 30_000;
/** How long a server waits for an instance's audit lease before leaving that audit to whoever holds it. */
const AUDIT_WAIT_MS = 10_000;
const AUDIT_RETRY_MIN_MS = 25;
const AUDIT_RETRY_MAX_MS = 250;

/** Ends the owner's lease: released (ARGV[2] 0) or kept ARGV[2] ms more (the pause before the next audit). */
const END_LEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '0' then return redis.call('DEL', KEYS[1]) end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;

/**
 * The audit of a Janus instance as one for every server sharing Redis (SfuStore.auditInstance): a lease per
 * instance (SET NX PX) held while one server audits it and kept after for the pause before the next audit, and a
 * count of the audits started (one that started after a server asked, and has ended, served it too).
 */
export function createRedisAuditLease(redis: Redis): Pick<SfuStore, 'auditInstance'> {
  return {
    async auditInstance(instance, kind, pace, audit) {
      if (kind === 'sweep' && (await redis.exists(auditRecentKey(instance))) === 1) return;
      const startedBefore = Number(await redis.get(auditCountKey(instance)));
      const owner = randomBytes(12).toString('base64url');
      for (let waited = 0; ; ) {
        if ((await redis.set(auditLeaseKey(instance), owner, 'PX', AUDIT_LEASE_MS, 'NX')) === 'OK') break;
        if (waited >= AUDIT_WAIT_MS) return; // whoever holds it audits the instance
        const leftMs = await redis.pttl(auditLeaseKey(instance));
        const wait = Math.min(Math.max(leftMs, AUDIT_RETRY_MIN_MS), AUDIT_RETRY_MAX_MS);
        await new Promise((resolve) => setTimeout(resolve, wait));
        waited += wait;
      }
      let pause = 0;
      try {
        // Another server's audit started after this call, and has ended (this server holds the lease now). A sweep
        // is also served by any audit started within the sweep interval: one may have started between this call's
        // first look and its count (its `recent` mark set after the look, its count before the count was read).
        if (Number(await redis.get(auditCountKey(instance))) > startedBefore) return;
        if (kind === 'sweep' && (await redis.exists(auditRecentKey(instance))) === 1) return;
        await redis.multi().incr(auditCountKey(instance)).set(auditRecentKey(instance), '1', 'PX', pace.sweepMs).exec();
        pause = pace.minIntervalMs;
        await audit();
      } finally {
        await redis.eval(END_LEASE, 1, auditLeaseKey(instance), owner, String(pause));
      }
    },
  };
}
