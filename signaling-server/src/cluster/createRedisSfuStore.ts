import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { createListeners } from '../events/createListeners.js';
import { SfuLockLostError } from '../sfu/SfuLockLostError.js';
import { MESH, type SfuLock, type SfuPlacement, type SfuStore } from '../sfu/SfuStore.js';
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
const TOKEN_PREFIX = 'wava:sfu:token:';
const tokenKey = (token: string) => `${TOKEN_PREFIX}${token}`;
/** The meeting's live tokens, on every server: deleted with them when it goes back to mesh. */
const tokensKey = (meetingId: string) => `wava:sfu:tokens:${meetingId}`;
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
/** A server's liveness key (createRedisCluster refreshes it; gone once the server stopped or crashed). */
const livenessKey = (serverId: string) => `wava:server:${serverId}`;

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
const AUDIT_RETRY_MAX_MS = 250;

/** Ends the owner's lease: released (ARGV[2] 0) or kept ARGV[2] ms more (the pause before the next audit). */
const END_LEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '0' then return redis.call('DEL', KEYS[1]) end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;

const placementSchema = z.object({
  mode: z.enum(['mesh', 'sfu']),
  generation: z.coerce.number().int().min(0),
  instance: z.string().optional(),
  room: z.string().optional(),
});
const holderSchema = z.object({
  meetingId: z.string().min(1),
  peerId: z.string().min(1),
  generation: z.number().int().min(0),
});
/** Which server issued a token (stored with its holder; absent from tokens written before it was). */
const issuerSchema = z.object({ server: z.string().min(1).optional() });

/** A token entry's JSON, or undefined when it is not JSON (a bad write, or an edit by hand). */
function parseEntry(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The SFU state several Wava servers share in Redis: a hash per meeting (mode, generation, instance, room), a
 * key per live token (whose seat, which generation), and a lock per meeting (SET NX PX) held by whoever
 * creates, moves or destroys the meeting's room; every write under it checks atomically that it is still held
 * (sfuLockScripts.ts), since a holder paused past its expiry may find it another server's. The seat count is the
 * seat ledger's (ready seats on live servers). Changes and revocations reach every server through the bus
 * (`changed`, `revoked`).
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
    const dropped = (await redis.eval(
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
    if (dropped === null) throw lockLost(meetingId);
    return dropped;
  }

  /** The lock of the meeting was lost before a write under it: logged here, thrown for the caller to handle. */
  function lockLost(meetingId: string): SfuLockLostError {
    deps.logger.warn({ meetingId }, 'SFU meeting lock lost before a write under it: nothing written');
    return new SfuLockLostError(meetingId);
  }

  /** No ready seat on a live server, and every live token of the meeting issued by a server that is gone. */
  async function leftByEveryServer(meetingId: string): Promise<boolean> {
    if (Number(await redis.eval(READY_COUNT_SCRIPT, 1, seatsKey(deps.tagOfMeeting(meetingId)))) > 0) return false;
    const tokens = await redis.smembers(tokensKey(meetingId));
    const issuers = new Set<string>();
    const texts = tokens.length > 0 ? await redis.mget(tokens.map(tokenKey)) : [];
    for (const [index, text] of texts.entries()) {
      if (text === null) continue;
      const entry = parseEntry(text);
      if (entry === undefined) {
        // It admits nobody (holder cannot read it either): dropped, not read again. The meeting still lists the
        // token, so that ending its room takes it out of Janus too.
        await redis.del(tokenKey(tokens[index]!));
        deps.logger.warn({ meetingId }, 'unreadable SFU token entry dropped');
        continue;
      }
      // A token the previous version wrote (a rolling upgrade) names no server: it counts as no live server's.
      // Its people, connected to a server of either version, are ready seats there (counted above); only seats
      // whose connection dropped there are not, and the grace this starts takes them back into the room.
      // Waiting for such tokens instead would keep the room for ever: token entries have no TTL.
      const issuer = issuerSchema.safeParse(entry);
      if (issuer.success && issuer.data.server) issuers.add(issuer.data.server);
    }
    // A live server still holds tokens here (seats whose connection dropped, waiting for them to come back).
    return issuers.size === 0 || (await redis.exists(...[...issuers].map(livenessKey))) === 0;
  }

  return {
    shared: true,
    placement,
    async change(meetingId, change) {
      const owner = await lock(meetingId);
      const held: SfuLock = { meetingId, owner };
      dropsWith.set(held, false);
      let dropped: string[] | null = null;
      try {
        const current = await placement(meetingId);
        const next = await change(current, held);
        if (next) dropped = await store(held, current, next);
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
      if (dropped === null) return [];
      if (dropped.length > 0) deps.publishDropped(dropped);
      deps.publishChanged(meetingId);
      return dropped;
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
    async addTokens(added) {
      if (added.size === 0) return;
      const write = redis.multi();
      for (const [token, holder] of added) {
        const stored = { ...holder, server: deps.serverId };
        write.set(tokenKey(token), JSON.stringify(stored)).sadd(tokensKey(holder.meetingId), token);
      }
      await write.exec();
    },
    async removeTokens(removed) {
      if (removed.length === 0) return;
      const holders = await redis.mget(removed.map(tokenKey));
      const write = redis.multi().del(...removed.map(tokenKey));
      holders.forEach((text, index) => {
        const holder = text === null ? null : holderSchema.safeParse(parseEntry(text));
        if (holder?.success) write.srem(tokensKey(holder.data.meetingId), removed[index]!);
      });
      await write.exec();
      deps.publishRevoked(removed);
    },
    async holder(token) {
      const text = await redis.get(tokenKey(token));
      if (text === null) return null;
      const holder = holderSchema.safeParse(parseEntry(text));
      return holder.success ? holder.data : null;
    },
    tokensOf: (meetingId) => redis.smembers(tokensKey(meetingId)),
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
        if (await leftByEveryServer(meetingId)) abandoned.push({ meetingId, placement: placed });
      }
      return abandoned;
    },
    leftByEveryServer,
    async auditInstance(instance, kind, pace, audit) {
      if (kind === 'sweep' && (await redis.exists(auditRecentKey(instance))) === 1) return;
      const startedBefore = Number(await redis.get(auditCountKey(instance)));
      const owner = randomBytes(12).toString('base64url');
      for (let waited = 0; ; ) {
        if ((await redis.set(auditLeaseKey(instance), owner, 'PX', AUDIT_LEASE_MS, 'NX')) === 'OK') break;
        if (waited >= AUDIT_WAIT_MS) return; // whoever holds it audits the instance
        const wait = Math.min(Math.max(await redis.pttl(auditLeaseKey(instance)), LOCK_RETRY_MS), AUDIT_RETRY_MAX_MS);
        await new Promise((resolve) => setTimeout(resolve, wait));
        waited += wait;
      }
      let pause = 0;
      try {
        // Another server's audit started after this call, and has ended (this server holds the lease now).
        if (Number(await redis.get(auditCountKey(instance))) > startedBefore) return;
        await redis.multi().incr(auditCountKey(instance)).set(auditRecentKey(instance), '1', 'PX', pace.sweepMs).exec();
        pause = pace.minIntervalMs;
        await audit();
      } finally {
        await redis.eval(END_LEASE, 1, auditLeaseKey(instance), owner, String(pause));
      }
    },
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
