import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { createListeners } from '../events/createListeners.js';
import { SfuLockLostError } from '../sfu/SfuLockLostError.js';
import { MESH, type SfuLock, type SfuPlacement, type SfuStore } from '../sfu/SfuStore.js';
import { createRedisAuditLease } from './createRedisAuditLease.js';
import { createRedisSfuTokens, TOKEN_PREFIX, tokensKey } from './createRedisSfuTokens.js';
import { READY_COUNT_SCRIPT, seatsKey } from './seatScripts.js';
import { STORE_PLACEMENT_SCRIPT } from './sfuLockScripts.js';

/** How long one server may hold a meeting's lock (creating or destroying a room takes a few Janus requests). */
const LOCK_TTL_MS = 30_000;
/** How long a server waits for a meeting's lock before giving up on that change. */
const LOCK_WAIT_MS = 10_000;
const LOCK_RETRY_MS = 25;
/** A meeting back to mesh keeps its generation this long (so a later placement is a newer one). */
const MESH_TTL_SECONDS = 24 * 60 * 60;

const placementKey = (meetingId: string) => `wava:sfu:meeting:${meetingId}`;
const lockKey = (meetingId: string) => `wava:sfu:lock:${meetingId}`;
/** Instance address -> meetings placed on it. */
const LOADS_KEY = 'wava:sfu:loads';
/**
 * The room a meeting left for the mesh, while its grace lasts: the key's PX is the grace, so Redis's clock alone
 * measures it (servers' clocks may disagree by minutes).
 */
const graceKey = (meetingId: string) => `wava:sfu:grace:${meetingId}`;
/** Meetings whose mesh placement names a room (in its grace, or past it with nobody to end it). */
const GRACES_KEY = 'wava:sfu:graces';
/** Meetings placed on the SFU (so that one whose every server stopped can be found and ended). */
const PLACED_KEY = 'wava:sfu:placed';

const RELEASE_LOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Drops a meeting from GRACES_KEY unless its placement names a room in mesh mode (again) by now. */
const FORGET_GRACE = `
if redis.call('HGET', KEYS[1], 'mode') == 'mesh' and redis.call('HEXISTS', KEYS[1], 'room') == 1 then return 0 end
return redis.call('SREM', KEYS[2], ARGV[1])
`;

/** Drops a meeting from PLACED_KEY unless it is on the SFU (again) by now. */
const FORGET_PLACED = `
if redis.call('HGET', KEYS[1], 'mode') == 'sfu' then return 0 end
return redis.call('SREM', KEYS[2], ARGV[1])
`;

const placementSchema = z.object({
  mode: z.enum(['mesh', 'sfu']),
  generation: z.coerce.number().int().min(0),
  instance: z.string().optional(),
  room: z.string().optional(),
});

/**
 * The SFU state several Wava servers share in Redis: a hash per meeting (mode, generation, instance, room), a
 * key per live token (whose seat, which generation: createRedisSfuTokens.ts), and a lock per meeting (SET NX PX)
 * held by whoever creates, moves or destroys the meeting's room; every write under it checks atomically that it is still held
 * (sfuLockScripts.ts), since a holder paused past its expiry may find it another server's. The seat count is the
 * seat ledger's (ready seats on live servers); the instances' audits take turns on a lease
 * (createRedisAuditLease.ts). Changes, revocations and drops reach every server through the bus (`changed`,
 * `revoked`, `dropped`).
 */
export function createRedisSfuStore(deps: {
  redis: Redis;
  /** This server's id (its liveness key `wava:server:<id>`): recorded with each token it issues. */
  serverId: string;
  logger: Logger;
  tagOfMeeting: (meetingId: string) => string;
  publishChanged: (meetingId: string) => void;
  publishRevoked: (tokens: readonly string[]) => void;
  publishDropped: (tokens: readonly string[]) => void;
}): SfuStore & {
  changed(meetingId: string): void;
  revoked(tokens: readonly string[]): void;
  dropped(tokens: readonly string[]): void;
} {
  const { redis } = deps;
  const changed = createListeners<[string]>();
  const revoked = createListeners<[readonly string[]]>();
  const dropped = createListeners<[readonly string[]]>();
  const tokenStore = createRedisSfuTokens(deps);

  /** The locks of the changes running on this server -> whether the meeting's tokens go with their placement. */
  const dropsWith = new Map<SfuLock, boolean>();

  async function placement(meetingId: string): Promise<SfuPlacement> {
    const [fields, graceRoom, graceLeftMs] = await Promise.all([
      redis.hgetall(placementKey(meetingId)),
      redis.get(graceKey(meetingId)),
      redis.pttl(graceKey(meetingId)),
    ]);
    const parsed = placementSchema.safeParse(fields);
    if (!parsed.success) return MESH;
    const { mode, generation, instance, room } = parsed.data;
    if (!instance || !room) return { mode: 'mesh', generation, instance: null, room: null };
    if (mode === 'sfu') return { mode, generation, instance, room };
    // A mesh placement may still name the room it left, during the grace (0 once it is over).
    const inGrace = graceRoom === room && graceLeftMs > 0;
    return { mode, generation, instance, room, graceLeftMs: inGrace ? graceLeftMs : 0 };
  }

  async function lock(meetingId: string): Promise<string> {
    const owner = randomBytes(12).toString('base64url');
    for (let waited = 0; waited < LOCK_WAIT_MS; waited += LOCK_RETRY_MS) {
      if ((await redis.set(lockKey(meetingId), owner, 'PX', LOCK_TTL_MS, 'NX')) === 'OK') return owner;
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
    throw new Error(`the SFU lock of meeting ${meetingId} could not be had`);
  }

  /**
   * Stores `next` (replacing `previous`) while `held` is still this server's (SfuLockLostError otherwise), with the
   * meeting's tokens when asked (`dropTokens`): returns the tokens dropped.
   */
  async function store(held: SfuLock, previous: SfuPlacement, next: SfuPlacement): Promise<string[]> {
    const { meetingId } = held;
    const naming = (placed: SfuPlacement) => (placed.mode === 'mesh' ? placed.room : null);
    // The grace starts when the meeting leaves its room for the mesh, and only then.
    const grace = naming(next) === null ? 'clear' : naming(next) !== naming(previous) ? 'start' : 'keep';
    // Tokens a crashed server could not revoke go with the placement they were issued for (once its room's grace
    // is over: the meeting may go back into that room with them), in the same step (a token another server adds
    // meanwhile is dropped with them or still listed after); so do those of a room ended for everyone. A room in
    // its grace (mesh placement naming it) still counts on its instance.
    const dropsTokens = dropsWith.get(held) === true || (next.mode === 'mesh' && next.room === null);
    const keys = [lockKey(meetingId), placementKey(meetingId), graceKey(meetingId), GRACES_KEY, PLACED_KEY, LOADS_KEY];
    const droppedTokens = (await redis.eval(
      STORE_PLACEMENT_SCRIPT,
      keys.length + 1,
      ...keys,
      tokensKey(meetingId),
      held.owner,
      meetingId,
      next.mode,
      next.generation,
      next.instance ?? '',
      next.room ?? '',
      grace,
      Math.floor(next.graceLeftMs ?? 0),
      previous.instance ?? '',
      MESH_TTL_SECONDS,
      dropsTokens ? '1' : '0',
      TOKEN_PREFIX,
    )) as string[] | null;
    if (droppedTokens === null) throw lockLost(meetingId);
    return droppedTokens;
  }

  /** The lock of the meeting was lost before a write under it: logged here, thrown for the caller to handle. */
  function lockLost(meetingId: string): SfuLockLostError {
    deps.logger.warn({ meetingId }, 'SFU meeting lock lost before a write under it: nothing written');
    return new SfuLockLostError(meetingId);
  }

  return {
    shared: true,
    placement,
    async change(meetingId, change) {
      const owner = await lock(meetingId);
      const held: SfuLock = { meetingId, owner };
      dropsWith.set(held, false);
      let droppedTokens: string[] | null = null;
      try {
        const current = await placement(meetingId);
        const next = await change(current, held);
        if (next) droppedTokens = await store(held, current, next);
      } finally {
        dropsWith.delete(held);
        // One not released (Redis failing) expires by itself: what the caller hears of is the change itself (once
        // stored, a failed release must not make it look undone).
        await redis
          .eval(RELEASE_LOCK, 1, lockKey(meetingId), owner)
          .catch((error: unknown) =>
            deps.logger.warn({ err: error, meetingId }, 'could not release the SFU lock of a meeting'),
          );
      }
      if (droppedTokens === null) return [];
      if (droppedTokens.length > 0) deps.publishDropped(droppedTokens);
      deps.publishChanged(meetingId);
      return droppedTokens;
    },
    async readyCount(meetingId) {
      return Number(await redis.eval(READY_COUNT_SCRIPT, 1, seatsKey(deps.tagOfMeeting(meetingId))));
    },
    async loads() {
      const loads = new Map<string, number>();
      for (const [instance, count] of Object.entries(await redis.hgetall(LOADS_KEY))) {
        loads.set(instance, Math.max(0, Number(count)));
      }
      return loads;
    },
    ...tokenStore,
    dropTokens(held) {
      if (!dropsWith.has(held)) throw new Error('dropTokens is only for a change holding its lock');
      dropsWith.set(held, true);
    },
    async expiredGraces() {
      const expired: string[] = [];
      for (const meetingId of await redis.smembers(GRACES_KEY)) {
        const placed = await placement(meetingId);
        if (placed.mode === 'mesh' && placed.room !== null) {
          if (placed.graceLeftMs === 0) expired.push(meetingId);
        } else await redis.eval(FORGET_GRACE, 2, placementKey(meetingId), GRACES_KEY, meetingId); // expired or moved on
      }
      return expired;
    },
    async abandoned() {
      const abandoned: { meetingId: string; placement: SfuPlacement }[] = [];
      for (const meetingId of await redis.smembers(PLACED_KEY)) {
        const placed = await placement(meetingId);
        if (placed.mode !== 'sfu') {
          await redis.eval(FORGET_PLACED, 2, placementKey(meetingId), PLACED_KEY, meetingId);
          continue;
        }
        if (await tokenStore.leftByEveryServer(meetingId)) abandoned.push({ meetingId, placement: placed });
      }
      return abandoned;
    },
    ...createRedisAuditLease(redis),
    // A mesh placement expires by itself (MESH_TTL_SECONDS); other servers may still have people in the meeting.
    forget: () => undefined,
    onChanged: changed.add,
    onRevoked: revoked.add,
    onDropped: dropped.add,
    changed: (meetingId) => changed.emit(meetingId),
    revoked: (tokens) => revoked.emit(tokens),
    dropped: (tokens) => dropped.emit(tokens),
  };
}
