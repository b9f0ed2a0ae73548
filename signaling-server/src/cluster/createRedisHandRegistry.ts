import { raisedHandSchema } from '@wava/protocol';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { HandChange, HandRegistry } from '../meetings/createHandRegistry.js';
import { seatsKey } from './seatScripts.js';

/** A meeting's hands live as long as its seats do once nobody touches them. */
const HANDS_TTL_MS = 86_400_000;

/**
 * The hands up now: in the order they went up (a sorted set scored by a counter), only those whose seat is live
 * in the seat ledger (KEYS[3]) on a live server. A hand whose seat is gone is kept, unlisted: the person may come
 * back with the same peer id (a server drained) and finds it still up. Returns {peerId, raisedAt ms, ...}.
 */
const LIST = `
local function hands()
  local out = {}
  for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
    local seat = redis.call('HGET', KEYS[3], id)
    if seat and redis.call('EXISTS', 'wava:server:' .. cjson.decode(seat).srv) == 1 then
      out[#out + 1] = id
      out[#out + 1] = redis.call('HGET', KEYS[2], id) or '0'
    end
  end
  return out
end
`;

/** ARGV: peerId, raisedAt ms. Returns {1 if it went up now else 0, hands...}. */
const RAISE_SCRIPT = `${LIST}
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return { 0, unpack(hands()) } end
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
local next = 1
if last[2] then next = tonumber(last[2]) + 1 end
redis.call('ZADD', KEYS[1], next, ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ${HANDS_TTL_MS})
redis.call('PEXPIRE', KEYS[2], ${HANDS_TTL_MS})
return { 1, unpack(hands()) }
`;

/** ARGV: peerId. Returns {1 if it was up else 0, hands...}. */
const LOWER_SCRIPT = `${LIST}
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return { removed, unpack(hands()) }
`;

const LIST_SCRIPT = `${LIST}
return hands()
`;

const replySchema = z.array(z.union([z.string(), z.number()]));

/**
 * Raised hands shared by every server of a deployment: each change is one Lua script in Redis, so hands raised at
 * once on several servers all go up, in one order everyone sees, and a late joiner on any server gets them.
 */
export function createRedisHandRegistry(deps: {
  redis: Redis;
  /** The meeting tag its peer ids carry (the seat ledger's key). */
  tagOfMeeting: (meetingId: string) => string;
}): HandRegistry {
  const { redis, tagOfMeeting } = deps;
  const keys = (meetingId: string) => {
    const tag = tagOfMeeting(meetingId);
    return [`wava:hands:${tag}`, `wava:hand-times:${tag}`, seatsKey(tag)];
  };
  const run = async (script: string, meetingId: string, ...args: Array<string | number>) =>
    replySchema.parse(await redis.eval(script, 3, ...keys(meetingId), ...args));
  const toHands = (flat: Array<string | number>) => {
    const hands = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      hands.push(raisedHandSchema.parse({ peerId: flat[i], raisedAt: new Date(Number(flat[i + 1])).toISOString() }));
    }
    return hands;
  };
  const toChange = ([changed, ...flat]: Array<string | number>): HandChange => ({
    changed: changed === 1,
    hands: toHands(flat),
  });

  return {
    list: async (meetingId) => toHands(await run(LIST_SCRIPT, meetingId)),
    raise: async (meetingId, peerId, at) => toChange(await run(RAISE_SCRIPT, meetingId, peerId, at)),
    lower: async (meetingId, peerId) => toChange(await run(LOWER_SCRIPT, meetingId, peerId)),
    async clear(meetingId) {
      const [hands, times] = keys(meetingId);
      await redis.del(hands!, times!);
    },
  };
}
