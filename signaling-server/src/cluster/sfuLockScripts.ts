/**
 * Lua scripts for the writes made under a meeting's SFU lock (`wava:sfu:lock:<meeting id>`, KEYS[1], whose value
 * ARGV[1] this holding set): each first checks, in the same atomic step, that the lock is still this holder's, and
 * writes nothing (returns nil) otherwise. A lock held past its expiry (a long pause, a slow Redis) may be another
 * server's by then, and its changes must stand.
 */
const FENCE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return false end
`;

/**
 * Stores a meeting's placement. KEYS: lock, placement hash, grace key, graces set, placed set, loads hash, the
 * meeting's tokens set. ARGV: owner, meeting id, mode, generation, instance ('' none), room ('' none), grace
 * ('clear': names no room in its grace; 'start': the grace of `room` starts, for ARGV[8] ms; 'keep'), grace ms,
 * previous instance ('' none), mesh TTL (s), '1' to drop the meeting's live tokens (every server's), token key
 * prefix. Returns the tokens dropped.
 */
export const STORE_PLACEMENT_SCRIPT = `${FENCE}
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], 'mode', ARGV[3], 'generation', ARGV[4])
if ARGV[5] ~= '' and ARGV[6] ~= '' then redis.call('HSET', KEYS[2], 'instance', ARGV[5], 'room', ARGV[6]) end
if ARGV[7] == 'clear' then
  redis.call('DEL', KEYS[3])
  redis.call('SREM', KEYS[4], ARGV[2])
elseif ARGV[7] == 'start' then
  redis.call('SADD', KEYS[4], ARGV[2])
  redis.call('DEL', KEYS[3])
  if tonumber(ARGV[8]) > 0 then redis.call('SET', KEYS[3], ARGV[6], 'PX', ARGV[8]) end
end
if ARGV[3] == 'mesh' then redis.call('EXPIRE', KEYS[2], ARGV[10]) end
if ARGV[3] == 'sfu' then redis.call('SADD', KEYS[5], ARGV[2]) else redis.call('SREM', KEYS[5], ARGV[2]) end
if ARGV[9] ~= ARGV[5] then
  if ARGV[9] ~= '' then redis.call('HINCRBY', KEYS[6], ARGV[9], -1) end
  if ARGV[5] ~= '' then redis.call('HINCRBY', KEYS[6], ARGV[5], 1) end
end
local dropped = {}
if ARGV[11] == '1' then
  dropped = redis.call('SMEMBERS', KEYS[7])
  for _, token in ipairs(dropped) do redis.call('DEL', ARGV[12] .. token) end
  redis.call('DEL', KEYS[7])
end
return dropped
`;
