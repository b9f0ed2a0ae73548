import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meshWithoutRoom, type SfuStore, type SfuTokenHolder } from '../../src/sfu/SfuStore.js';
import { redisUrl } from '../support/twoServers.js';
import { quietSfuStore } from './quietSfuStore.js';

/**
 * A meeting's tokens dropped with its room (store.dropTokens with a placement, and the move to the mesh without a room) while
 * another server changes them: every token is dropped by one server only, and a token added meanwhile is never
 * lost from the meeting's list (a later end of the room for everyone would not revoke it). Two servers' stores,
 * each on its own connection to real Redis.
 *
 * The interleaving is forced, not hoped for: the first server's connection runs the other server's step right
 * after it has read the meeting's token list (`SMEMBERS`), before it writes. A store that drops the tokens in
 * one step (a script) never reads them apart from its write; the other server's step then runs after it.
 */
let connections: Redis[] = [];
beforeAll(() => {
  connections = [new Redis(redisUrl()), new Redis(redisUrl())];
});
afterAll(async () => {
  await Promise.all(connections.map((redis) => redis.quit()));
});

const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;
const tokensKey = (meetingId: string) => `wava:sfu:tokens:${meetingId}`;

/** What the other server does between this one's read of the meeting's tokens and its write. */
interface Interleaving {
  /** Runs `step` once, right after the next `SMEMBERS` of `meetingId`'s tokens on the hooked connection. */
  between(meetingId: string, step: () => Promise<unknown>): void;
  /** Runs the step if it did not run in between (the store never read the tokens apart from its write). */
  runLeft(): Promise<void>;
}

/** `redis` with a hook: the same connection, whose `smembers` of the hooked meeting's tokens runs the step. */
function hooked(redis: Redis): { redis: Redis; interleaving: Interleaving } {
  let pending: { key: string; step: () => Promise<unknown> } | null = null;
  const proxy = new Proxy(redis, {
    get(target, property) {
      if (property === 'smembers') {
        return async (key: string) => {
          const members = await target.smembers(key);
          if (pending?.key === key) {
            const { step } = pending;
            pending = null;
            await step();
          }
          return members;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    redis: proxy,
    interleaving: {
      between(meetingId, step) {
        pending = { key: tokensKey(meetingId), step };
      },
      async runLeft() {
        const left = pending;
        pending = null;
        await left?.step();
      },
    },
  };
}

const storeOn = (redis: Redis, serverId: string): SfuStore => quietSfuStore(redis, serverId, pino({ level: 'silent' }));

/** Two servers: `first` on the hooked connection, `second` on its own. */
function twoServers() {
  const { redis, interleaving } = hooked(connections[0]!);
  return { first: storeOn(redis, 'server-1'), second: storeOn(connections[1]!, 'server-2'), interleaving };
}

/** A meeting on the SFU with `count` tokens of `store`'s. */
async function meetingWithTokens(store: SfuStore, count: number): Promise<{ meetingId: string; tokens: string[] }> {
  const meetingId = newId('meeting');
  await store.change(meetingId, async () => ({
    mode: 'sfu',
    generation: 1,
    instance: 'ws://janus.test:8188',
    room: newId('wava'),
  }));
  const tokens = Array.from({ length: count }, () => newId('token'));
  await store.addTokens(new Map(tokens.map((token, i) => [token, holderIn(meetingId, `peer-${i}`)])));
  return { meetingId, tokens };
}

const holderIn = (meetingId: string, peerId: string): SfuTokenHolder => ({ meetingId, peerId, generation: 1 });

/**
 * `store`'s server ends the meeting's room for everyone: its tokens dropped under the meeting's lock, with the
 * placement stored again.
 */
function dropUnderLock(store: SfuStore, meetingId: string): Promise<string[]> {
  return store.change(meetingId, async (current, lock) => {
    store.dropTokens(lock);
    return current;
  });
}

describe("a meeting's SFU tokens dropped while another server changes them (real Redis)", () => {
  it('drops each token once when two servers end the same room at once', async () => {
    const { first, second, interleaving } = twoServers();
    const { meetingId, tokens } = await meetingWithTokens(second, 3);
    let droppedBySecond: string[] = [];
    interleaving.between(meetingId, async () => {
      droppedBySecond = await dropUnderLock(second, meetingId);
    });

    const droppedByFirst = await dropUnderLock(first, meetingId);
    await interleaving.runLeft();

    // Each server revokes in Janus, and ends the sessions of, what it dropped: together every token, once.
    expect([...droppedByFirst, ...droppedBySecond].sort()).toEqual([...tokens].sort());
    expect(await first.tokensOf(meetingId)).toEqual([]);
    for (const token of tokens) expect(await first.holder(token)).toBeNull();
  });

  it('keeps listing a token another server adds while the meeting goes back to the mesh without its room', async () => {
    const { first, second, interleaving } = twoServers();
    const { meetingId, tokens } = await meetingWithTokens(first, 2);
    // The other server's seat became ready while the meeting was still on the SFU: it issues a token.
    const late = newId('token');
    interleaving.between(meetingId, () => second.addTokens(new Map([[late, holderIn(meetingId, 'peer-late')]])));

    await first.change(meetingId, async (current) => meshWithoutRoom(current));
    await interleaving.runLeft();

    for (const token of tokens) expect(await first.holder(token)).toBeNull();
    // Whenever it came, the late token is either gone with the others or still the meeting's: ending the meeting's
    // room for everyone (dropTokens) then takes it out of Janus. Never a token that admits but nobody revokes.
    if ((await first.holder(late)) !== null) {
      expect(await first.tokensOf(meetingId)).toEqual([late]);
      expect(await dropUnderLock(second, meetingId)).toEqual([late]);
    }
    expect(await first.holder(late)).toBeNull();
  });
});
