/**
 * Lua scripts over one meeting's seats: a hash `wava:seats:<meeting tag>` of peer id -> JSON
 * `{u: userId, s: seat nonce, r: 0|1 (ready), srv: server id, sid: Socket.io connection id, p: participant JSON}`. Each runs atomically in
 * Redis, so two servers can never both hand out the last place. Seats of a server whose liveness key
 * (`wava:server:<id>`, refreshed every few seconds) is gone are dropped as they are met: a crashed server's
 * seats do not hold places for ever.
 */

/** The seat ledger's hash of one meeting, by the meeting tag its peer ids carry. */
export const seatsKey = (tag: string) => `wava:seats:${tag}`;

const SCAN = `
local entries = redis.call('HGETALL', KEYS[1])
local live = {}
for i = 1, #entries, 2 do
  local e = cjson.decode(entries[i + 1])
  if redis.call('EXISTS', 'wava:server:' .. e.srv) == 0 then
    redis.call('HDEL', KEYS[1], entries[i])
  else
    live[#live + 1] = { id = entries[i], e = e }
  end
end
`;

/**
 * ARGV: peerId, userId, seat, max, serverId, participant JSON, seats per account, socket id. Returns {'full'}, {'too-many'}
 * (the account holds that many other seats, ready or not), {'pending'}, {'ok'}, or
 * {'ok', previous seat nonce} when it replaced an older seat of the same peer id (a resume on another server).
 */
export const CLAIM_SCRIPT = `${SCAN}
local ready, pending, mine = 0, 0, 0
for _, seat in ipairs(live) do
  if seat.id ~= ARGV[1] then
    if seat.e.u == ARGV[2] then mine = mine + 1 end
    if seat.e.r == 1 then ready = ready + 1 elseif seat.e.u == ARGV[2] then pending = pending + 1 end
  end
end
if ready >= tonumber(ARGV[4]) then return { 'full' } end
if mine >= tonumber(ARGV[7]) then return { 'too-many' } end
if pending > 0 then return { 'pending' } end
local previous = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode({ u = ARGV[2], s = ARGV[3], r = 0, srv = ARGV[5], sid = ARGV[8], p = ARGV[6] }))
redis.call('PEXPIRE', KEYS[1], 86400000)
if previous then return { 'ok', cjson.decode(previous).s } end
return { 'ok' }
`;

/**
 * ARGV: peerId, seat, max. Marks the seat ready if it is still this seat and the meeting has a place.
 * Returns {'gone'}, {'full'} or {'ok', participant JSON of every other ready seat...}.
 */
export const READY_SCRIPT = `${SCAN}
local mine = nil
local others = {}
for _, seat in ipairs(live) do
  if seat.id == ARGV[1] then mine = seat.e elseif seat.e.r == 1 then others[#others + 1] = seat.e.p end
end
if mine == nil or mine.s ~= ARGV[2] then return { 'gone' } end
if mine.r ~= 1 then
  if #others >= tonumber(ARGV[3]) then return { 'full' } end
  mine.r = 1
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(mine))
end
return { 'ok', unpack(others) }
`;

/**
 * KEYS[1]: the meeting's seats; ARGV: peerId. The ready seat of that peer on a live server:
 * {participant JSON, socket id}, or {} when there is none.
 */
export const READY_SEAT_SCRIPT = `
local text = redis.call('HGET', KEYS[1], ARGV[1])
if not text then return {} end
local e = cjson.decode(text)
if e.r ~= 1 or not e.sid or redis.call('EXISTS', 'wava:server:' .. e.srv) == 0 then return {} end
return { e.p, e.sid }
`;

/** Whether anyone holds a seat in the meeting, ready or not, on a live server: 1 or 0. */
export const OCCUPIED_SCRIPT = `${SCAN}
if #live > 0 then return 1 end
return 0
`;

/** ARGV: peerId, seat. Frees the seat only if it is still this seat. */
export const RELEASE_SCRIPT = `
local text = redis.call('HGET', KEYS[1], ARGV[1])
if not text then return 0 end
if cjson.decode(text).s ~= ARGV[2] then return 0 end
return redis.call('HDEL', KEYS[1], ARGV[1])
`;

/** ARGV: peerId, seat, participant JSON. Updates what others learn of the seat (its media), if still this seat. */
export const UPDATE_SCRIPT = `
local text = redis.call('HGET', KEYS[1], ARGV[1])
if not text then return 0 end
local e = cjson.decode(text)
if e.s ~= ARGV[2] then return 0 end
e.p = ARGV[3]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(e))
return 1
`;

/** The participant JSON of every ready seat of the meeting on a live server. */
export const READY_SEATS_SCRIPT = `${SCAN}
local ready = {}
for _, seat in ipairs(live) do
  if seat.e.r == 1 then ready[#ready + 1] = seat.e.p end
end
return ready
`;

/** The meeting's ready seats on live servers. */
export const READY_COUNT_SCRIPT = `${SCAN}
local ready = 0
for _, seat in ipairs(live) do
  if seat.e.r == 1 then ready = ready + 1 end
end
return ready
`;
