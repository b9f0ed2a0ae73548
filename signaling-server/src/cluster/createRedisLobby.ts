import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { AppError } from '../errors/AppError.js';
import { LOBBY_GUESTS_PER_ADDRESS, LOBBY_QUEUE_MAX, type KnockEntry, type Lobby } from '../lobby/createLobby.js';

/** A meeting's waiting room is forgotten a day after anyone last touched it (a meeting's end forgets it at once). */
const LOBBY_TTL_MS = 86_400_000;
/** Most admissions remembered per meeting (the oldest are forgotten first; they are seated by then). */
const ADMITTED_MAX = 5_000;
/** Most denials remembered per meeting; past it, the expired ones are forgotten, then the oldest. */
const DENIALS_MAX = 5_000;

/** The queue (KEYS[1]) is one JSON array, first knock first; an empty queue is no key. */
const QUEUE = `
local function load()
  local raw = redis.call('GET', KEYS[1])
  if not raw then return {} end
  return cjson.decode(raw)
end
local function store(queue)
  if #queue == 0 then redis.call('DEL', KEYS[1]) return end
  redis.call('SET', KEYS[1], cjson.encode(queue), 'PX', ${LOBBY_TTL_MS})
end
`;

/** ARGV: the entry (JSON, with a fresh id). Returns {'ok', entry JSON} or {'full'} or {'address'}. */
const KNOCK_SCRIPT = `${QUEUE}
local entry = cjson.decode(ARGV[1])
local queue = {}
for _, other in ipairs(load()) do
  if other.identity == entry.identity then entry.id = other.id else queue[#queue + 1] = other end
end
if #queue >= ${LOBBY_QUEUE_MAX} then return { 'full' } end
if entry.guest then
  local same = 0
  for _, other in ipairs(queue) do
    if other.guest and other.address == entry.address then same = same + 1 end
  end
  if same >= ${LOBBY_GUESTS_PER_ADDRESS} then return { 'address' } end
end
local at = #queue + 1
for i, other in ipairs(queue) do
  if other.knockedAt > entry.knockedAt then at = i break end
end
table.insert(queue, at, entry)
store(queue)
return { 'ok', cjson.encode(entry) }
`;

/** ARGV: field name, value. Takes out the first entry whose field has the value; returns its JSON or false. */
const TAKE_SCRIPT = `${QUEUE}
local queue = load()
for i, entry in ipairs(queue) do
  if entry[ARGV[1]] == ARGV[2] then
    table.remove(queue, i)
    store(queue)
    return cjson.encode(entry)
  end
end
return false
`;

/** Takes the whole queue (KEYS[1], its JSON or false), forgetting the other keys too when ARGV[1] is 'all'. */
const TAKE_ALL_SCRIPT = `
local raw = redis.call('GET', KEYS[1])
redis.call('DEL', KEYS[1])
if ARGV[1] == 'all' then redis.call('DEL', KEYS[2], KEYS[3], KEYS[4]) end
return raw or false
`;

/**
 * KEYS[3]: until when each was turned away; KEYS[4]: when. ARGV: now, until, who... Bounded: past DENIALS_MAX,
 * expired denials are forgotten, then the oldest ones.
 */
const DENY_SCRIPT = `
local now = tonumber(ARGV[1])
for i = 3, #ARGV do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[2])
  redis.call('HSET', KEYS[4], ARGV[i], ARGV[1])
end
if redis.call('HLEN', KEYS[3]) > ${DENIALS_MAX} then
  local untils = redis.call('HGETALL', KEYS[3])
  for i = 1, #untils, 2 do
    if tonumber(untils[i + 1]) <= now then
      redis.call('HDEL', KEYS[3], untils[i])
      redis.call('HDEL', KEYS[4], untils[i])
    end
  end
  local over = redis.call('HLEN', KEYS[3]) - ${DENIALS_MAX}
  if over > 0 then
    local ats = redis.call('HGETALL', KEYS[4])
    local list = {}
    for i = 1, #ats, 2 do list[#list + 1] = { ats[i], tonumber(ats[i + 1]) } end
    table.sort(list, function(a, b) return a[2] < b[2] end)
    for i = 1, over do
      redis.call('HDEL', KEYS[3], list[i][1])
      redis.call('HDEL', KEYS[4], list[i][1])
    end
  end
end
local ttl = math.max(redis.call('PTTL', KEYS[3]), tonumber(ARGV[2]) - now + ${LOBBY_TTL_MS})
redis.call('PEXPIRE', KEYS[3], ttl)
redis.call('PEXPIRE', KEYS[4], ttl)
return 1
`;

const entrySchema = z.object({
  id: z.string(),
  identity: z.string(),
  displayName: z.string(),
  guest: z.boolean(),
  knockedAt: z.number(),
  socketId: z.string(),
  address: z.string(),
});
const parseEntry = (raw: unknown): KnockEntry | null =>
  typeof raw === 'string' ? entrySchema.parse(JSON.parse(raw)) : null;
const parseQueue = (raw: unknown): KnockEntry[] =>
  // cjson writes an empty table as {}; an empty queue is no key, but read either safely.
  typeof raw === 'string' && raw.startsWith('[') ? z.array(entrySchema).parse(JSON.parse(raw)) : [];
const numbers = (values: Array<string | null>) => values.map((value) => Number(value ?? 0));

/**
 * The waiting rooms of every server of a deployment, in Redis: each change of a queue is one Lua script, so knocks,
 * admissions and denials on different servers at once all apply, and every host sees one queue. Bounded as the
 * in-memory one: at most LOBBY_QUEUE_MAX waiting, admissions and denials capped per meeting, every key expiring.
 */
export function createRedisLobby(deps: {
  redis: Redis;
  /** The meeting tag its peer ids carry (the cluster's keys of a meeting share it). */
  tagOfMeeting: (meetingId: string) => string;
  now: () => number;
}): Lobby {
  const { redis, now } = deps;
  const keys = (meetingId: string) => {
    const tag = deps.tagOfMeeting(meetingId);
    return [
      `wava:lobby:${tag}`,
      `wava:lobby-admitted:${tag}`,
      `wava:lobby-denied:${tag}`,
      `wava:lobby-denied-at:${tag}`,
    ];
  };
  const queueKey = (meetingId: string) => keys(meetingId)[0]!;
  const take = async (meetingId: string, field: 'id' | 'socketId', value: string) =>
    parseEntry(await redis.eval(TAKE_SCRIPT, 1, queueKey(meetingId), field, value));

  return {
    async knock(meetingId, knock) {
      const candidate = { ...knock, id: randomBytes(9).toString('base64url') };
      const reply = z
        .array(z.string())
        .parse(await redis.eval(KNOCK_SCRIPT, 1, queueKey(meetingId), JSON.stringify(candidate)));
      if (reply[0] === 'full') throw new AppError('MEETING_FULL');
      if (reply[0] === 'address') throw new AppError('RATE_LIMITED');
      return parseEntry(reply[1])!;
    },
    leave: async (meetingId, socketId) => (await take(meetingId, 'socketId', socketId)) !== null,
    queue: async (meetingId) => parseQueue(await redis.get(queueKey(meetingId))),
    take: (meetingId, id) => take(meetingId, 'id', id),
    takeAll: async (meetingId) => parseQueue(await redis.eval(TAKE_ALL_SCRIPT, 4, ...keys(meetingId), 'queue')),
    async admit(meetingId, identity) {
      const key = keys(meetingId)[1]!;
      await redis
        .multi()
        .zadd(key, now(), identity)
        .zremrangebyrank(key, 0, -ADMITTED_MAX - 1)
        .pexpire(key, LOBBY_TTL_MS)
        .exec();
    },
    isAdmitted: async (meetingId, identity) => (await redis.zscore(keys(meetingId)[1]!, identity)) !== null,
    async revoke(meetingId, identity) {
      await redis.zrem(keys(meetingId)[1]!, identity);
    },
    async deny(meetingId, who, cooldownMs) {
      if (who.length === 0) return;
      const at = now();
      await redis.eval(DENY_SCRIPT, 4, ...keys(meetingId), at, at + cooldownMs, ...who);
    },
    async deniedFor(meetingId, who) {
      if (who.length === 0) return 0;
      const at = now();
      const untils = numbers(await redis.hmget(keys(meetingId)[2]!, ...who));
      return Math.max(0, ...untils.map((until) => until - at));
    },
    async deniedAt(meetingId, who) {
      if (who.length === 0) return 0;
      return Math.max(0, ...numbers(await redis.hmget(keys(meetingId)[3]!, ...who)));
    },
    meetingEnded: async (meetingId) => parseQueue(await redis.eval(TAKE_ALL_SCRIPT, 4, ...keys(meetingId), 'all')),
  };
}
