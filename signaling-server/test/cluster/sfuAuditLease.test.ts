import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisAuditLease } from '../../src/cluster/createRedisAuditLease.js';
import type { AuditPace, SfuStore } from '../../src/sfu/SfuStore.js';
import { redisUrl } from '../support/twoServers.js';
import { quietSfuStore } from './quietSfuStore.js';

/**
 * The guard's audit of a direct-mode Janus instance lists every session and handle there: with several servers,
 * ONE of them audits it for all (the others' requests are served by that audit). Two servers' stores on their
 * own Redis connections; the audits are counted (what the instance would answer).
 */
let connections: Redis[] = [];
beforeAll(() => {
  connections = [new Redis(redisUrl()), new Redis(redisUrl())];
});
afterAll(async () => {
  await Promise.all(connections.map((redis) => redis.quit()));
});

const PACE: AuditPace = { minIntervalMs: 50, sweepMs: 60_000 };
const storeOn = (redis: Redis): SfuStore => quietSfuStore(redis, 'test', pino({ level: 'silent' }));
const newInstance = () => `ws://janus-${randomBytes(6).toString('hex')}.test:8188`;

/** An audit that counts its runs, and runs until `finish` (one at a time, as started). */
function countedAudit() {
  const finishes: Array<() => void> = [];
  const audit = {
    runs: 0,
    /** How many ran at the same time, at most. */
    mostAtOnce: 0,
    running: 0,
    run: () =>
      new Promise<void>((resolve) => {
        audit.runs += 1;
        audit.running += 1;
        audit.mostAtOnce = Math.max(audit.mostAtOnce, audit.running);
        finishes.push(() => {
          audit.running -= 1;
          resolve();
        });
      }),
    /** Ends the oldest running audit, once one is running. */
    async finishOne() {
      await expect.poll(() => finishes.length).toBeGreaterThan(0);
      finishes.shift()!();
    },
  };
  return audit;
}

describe('one audit of a Janus instance for the whole cluster (Redis)', () => {
  it('sweeps an instance once when every server sweeps it at the same time', async () => {
    const [one, two] = connections.map(storeOn);
    const instance = newInstance();
    const audit = countedAudit();
    const sweeps = [
      one!.auditInstance(instance, 'sweep', PACE, audit.run),
      two!.auditInstance(instance, 'sweep', PACE, audit.run),
      two!.auditInstance(instance, 'sweep', PACE, audit.run),
    ];
    await audit.finishOne();
    await expect.poll(() => audit.running).toBe(0);
    await Promise.all(sweeps);
    expect(audit.runs).toBe(1);
  });

  it('serves a sweep with an audit that started just after the sweep looked for a recent one', async () => {
    // Server two looks for a recent audit (none yet), and its answer is delayed until server one's audit started:
    // by then that audit is counted, so the sweep's own count includes it.
    let answered = false;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slowLook = new Proxy(connections[1]!, {
      get(target, property) {
        if (property === 'exists') {
          return async (...keys: string[]) => {
            const found = await target.exists(...keys);
            answered = true;
            await released;
            return found;
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const one = storeOn(connections[0]!);
    const two = createRedisAuditLease(slowLook);
    const instance = newInstance();
    const audit = countedAudit();
    let swept = false;
    const sweep = two.auditInstance(instance, 'sweep', PACE, audit.run).then(() => (swept = true));
    await expect.poll(() => answered).toBe(true);
    const first = one.auditInstance(instance, 'sweep', PACE, audit.run);
    await expect.poll(() => audit.runs).toBe(1);
    release();
    await audit.finishOne();
    await first;
    // The sweep is served by that audit: it ends without a second one.
    await expect.poll(() => swept || audit.runs > 1).toBe(true);
    if (audit.runs > 1) await audit.finishOne();
    await sweep;
    expect(audit.runs).toBe(1);
  });

  it('serves requests made during another server’s audit with one more audit, never two at once', async () => {
    const [one, two] = connections.map(storeOn);
    const instance = newInstance();
    const audit = countedAudit();
    const first = one!.auditInstance(instance, 'trigger', PACE, audit.run);
    await expect.poll(() => audit.runs).toBe(1);
    // Both servers hear of a join while the first audit runs: it may have listed the instance before the join.
    const during = [
      two!.auditInstance(instance, 'trigger', PACE, audit.run),
      one!.auditInstance(instance, 'trigger', PACE, audit.run),
    ];
    await audit.finishOne();
    await first;
    await audit.finishOne();
    await expect.poll(() => audit.running).toBe(0);
    await Promise.all(during);
    expect(audit.runs).toBe(2);
    expect(audit.mostAtOnce).toBe(1);
  });

  it('audits each instance on its own', async () => {
    const [one, two] = connections.map(storeOn);
    const audit = countedAudit();
    const both = [
      one!.auditInstance(newInstance(), 'sweep', PACE, audit.run),
      two!.auditInstance(newInstance(), 'sweep', PACE, audit.run),
    ];
    await audit.finishOne();
    await audit.finishOne();
    await Promise.all(both);
    expect(audit.runs).toBe(2);
  });
});
