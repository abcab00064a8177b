-- room-admit.lua: one tick of a waiting room's inlet. Any API instance may run it at any
-- time: it admits what the time since the last tick earned at the configured rate, so two
-- instances together admit at the rate, not twice it.
--
-- Abandoners never stall the inlet: an admission that ends unused leaves 'admitted' here
-- (counted as abandoned), one that buys leaves it in purchase.lua, and a shopper who stops
-- asking for longer than the grace period loses the place. Each step touches what it
-- removes or admits, at most ARGV[2] shoppers a tick: no scan of the queue.
--
-- KEYS[1..5] as room-join.lua
-- ARGV[1] grace in ms: a waiting shopper who has not asked for this long loses the place
-- ARGV[2] most shoppers admitted, expired or dropped in one tick
--
-- Returns {state, admittedNow, waiting, active, served, rate, remaining}: served the shoppers
-- admitted since the room opened (a shopper's page counts its place down by it between
-- polls), rate the admissions per second, remaining the sale's units left; state one of
--   'ADMITTING'   the inlet is open
--   'PAUSED'      an admin paused it
--   'NOT_STARTED' the sale has not started: the pre-queue waits
--   'SOLD_OUT'    nothing left: no one is admitted (a restock resumes in order)
--   'NO_ROOM'     the sale has no waiting room
local room = redis.call('HMGET', KEYS[2], 'rate', 'ttl', 'maxActive', 'paused', 'credit', 'tick')
if not room[1] then
  return {'NO_ROOM', '0', '0', '0', '0', '0', '0'}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local most = tonumber(ARGV[2])

-- Admissions that ended unused, and waiting shoppers gone for longer than the grace.
local ended = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', now, 'LIMIT', 0, most)
if #ended > 0 then
  redis.call('ZREM', KEYS[5], unpack(ended))
  redis.call('HINCRBY', KEYS[2], 'abandoned', #ended)
end
local gone = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now - tonumber(ARGV[1]), 'LIMIT', 0, most)
if #gone > 0 then
  redis.call('ZREM', KEYS[3], unpack(gone))
  redis.call('ZREM', KEYS[4], unpack(gone))
  redis.call('HINCRBY', KEYS[2], 'left', #gone)
end

local sale = redis.call('HMGET', KEYS[1], 'starts', 'remaining')
local function answer(state, admitted)
  return {state, tostring(admitted), tostring(redis.call('ZCARD', KEYS[3])), tostring(redis.call('ZCARD', KEYS[5])),
    redis.call('HGET', KEYS[2], 'admitted') or '0', room[1], sale[2] or '0'}
end
local starts = tonumber(sale[1]) or 0
local state
if now < starts then
  state = 'NOT_STARTED'
elseif tonumber(sale[2] or '0') <= 0 then
  state = 'SOLD_OUT'
elseif room[4] == '1' then
  state = 'PAUSED'
end
if state then
  -- Nothing is earned while the inlet is shut: no burst when it opens.
  redis.call('HSET', KEYS[2], 'tick', now, 'credit', 0)
  return answer(state, 0)
end

local rate = tonumber(room[1])
local last = tonumber(room[6] or '0')
if last == 0 or last < starts then
  last = math.max(starts, now - 1000)
end
-- At most a second's worth is kept: an idle inlet does not save up a burst.
local credit = math.min((tonumber(room[5]) or 0) + (now - last) * rate / 1000, math.max(rate, 1))
local admit = math.min(math.floor(credit), most, redis.call('ZCARD', KEYS[3]))
local maxActive = tonumber(room[3]) or 0
if maxActive > 0 then
  admit = math.max(0, math.min(admit, maxActive - redis.call('ZCARD', KEYS[5])))
end
if admit > 0 then
  local until_ = now + tonumber(room[2])
  local next = redis.call('ZPOPMIN', KEYS[3], admit)
  for i = 1, #next, 2 do
    redis.call('ZADD', KEYS[5], until_, next[i])
    redis.call('ZREM', KEYS[4], next[i])
  end
  redis.call('HINCRBY', KEYS[2], 'admitted', admit)
end
redis.call('HSET', KEYS[2], 'tick', now, 'credit', credit - admit)
return answer('ADMITTING', admit)
