-- room-join.lua: a signed-in shopper takes (or finds again) a place in a sale's waiting room.
--
-- Fairness: a shopper who joins before the sale starts gets a place ordered by
-- SHA-1(seed, shopper), a uniformly random order that does not depend on arrival (so being
-- early, or a bot that is always first, earns nothing); the seed is secret until the start
-- and recorded, so an audit replays the order. A shopper who joins after the start queues
-- behind every one of them, in arrival order. Every step is O(log n): no scan of the queue.
--
-- KEYS[1] sale:{id}                hash (see purchase.lua): starts, remaining
-- KEYS[2] sale:{id}:room           hash: opens, rate, ttl, maxActive, paused, seed, arrivals,
--                                        credit, tick, admitted, abandoned, left
-- KEYS[3] sale:{id}:room:queue     zset: shopper -> place (pre-queue in [0,1), then 1 + arrival)
-- KEYS[4] sale:{id}:room:seen      zset: shopper -> when the shopper last asked (epoch ms)
-- KEYS[5] sale:{id}:room:admitted  zset: shopper -> when the admission ends (epoch ms)
-- ARGV[1] shopper (visible ASCII, no space)
-- ARGV[2] 'join' to take a place when the shopper has none, 'look' only to ask
--
-- Returns {state, a, b, rate, remaining, served}: rate the admissions per second, remaining
-- the sale's units left, served the shoppers admitted so far (see room-admit.lua), and
-- state one of
--   'WAITING'       in the queue: a = shoppers ahead ('-1' before the start, when places are
--                   not drawn yet), b = shoppers waiting in all
--   'ADMITTED'      admitted (still valid) by an earlier tick: a = when it ends (epoch ms)
--   'NOT_IN_QUEUE'  ('look') the shopper has no place
--   'NOT_OPEN'      the pre-queue opens later: a = when (epoch ms)
--   'SOLD_OUT'      nothing left: no one is admitted and no one joins; a place is kept for a
--                   restock, which resumes the queue in order
-- or {'NO_ROOM'} when the sale has no waiting room
local shopper = ARGV[1]
local room = redis.call('HMGET', KEYS[2], 'opens', 'seed', 'rate', 'admitted')
if not room[2] then
  return {'NO_ROOM'}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local sale = redis.call('HMGET', KEYS[1], 'starts', 'remaining')
local starts = tonumber(sale[1]) or 0
local remaining = tonumber(sale[2]) or 0
local function answer(state, a, b)
  return {state, tostring(a), tostring(b), room[3], tostring(remaining), room[4] or '0'}
end
local function waiting()
  local ahead = (now < starts) and -1 or redis.call('ZRANK', KEYS[3], shopper)
  return answer('WAITING', ahead, redis.call('ZCARD', KEYS[3]))
end

local admittedUntil = tonumber(redis.call('ZSCORE', KEYS[5], shopper) or '0')
local queued = redis.call('ZSCORE', KEYS[3], shopper)
if queued then
  redis.call('ZADD', KEYS[4], now, shopper)
end
if remaining <= 0 then
  return answer('SOLD_OUT', 0, 0)
end
if admittedUntil > now then
  return answer('ADMITTED', admittedUntil, 0)
end
if queued then
  return waiting()
end
if ARGV[2] ~= 'join' then
  return answer('NOT_IN_QUEUE', 0, 0)
end
local opens = tonumber(room[1]) or 0
if now < opens then
  return answer('NOT_OPEN', opens, 0)
end
local score
if now < starts then
  -- 13 hex digits: 52 bits, exact in a Lua number.
  score = tonumber(string.sub(redis.sha1hex(room[2] .. ' ' .. shopper), 1, 13), 16) / 4503599627370496
else
  score = 1 + redis.call('HINCRBY', KEYS[2], 'arrivals', 1)
end
redis.call('ZADD', KEYS[3], score, shopper)
redis.call('ZADD', KEYS[4], now, shopper)
return waiting()
