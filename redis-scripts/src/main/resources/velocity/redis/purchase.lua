-- purchase.lua: take units from a sale and record the order, in one atomic step.
--
-- Every key of a sale shares the hash tag {saleId}, so the script is Redis-Cluster-safe.
-- KEYS[1] sale:{id}          hash: name, initial, remaining, sold, limit (0 = none),
--                                  starts, ends (epoch ms, 0 = none), closed (1 = refuse)
-- KEYS[2] sale:{id}:buyers   hash: userId -> units bought
-- KEYS[3] sale:{id}:orders   hash: orderId -> the order as compact JSON: {"u": userId, "q": quantity,
--                                  "t": placed at (epoch ms), "k": Idempotency-Key when sent}; the
--                                  sale and order ids are the key's and the field's, not repeated
-- KEYS[4] sale:{id}:idem     hash: '<userId> <Idempotency-Key>' -> orderId (keys are per shopper;
--                                  neither part holds a space)
-- KEYS[5] sale:{id}:outbox   zset: orderId -> epoch ms from which the relay may (re)send it
-- KEYS[6] sale:{id}:rate:shopper:<userId>    string: the shopper's rate-limit state (GCRA: the
-- KEYS[7] sale:{id}:rate:address:<address>   theoretical arrival time, epoch ms); each expires
--                                            once its bucket is full again
-- KEYS[8] sale:{id}:room              hash: the sale's waiting room, when it has one (room-join.lua)
-- KEYS[9] sale:{id}:room:admitted     zset: admitted shoppers who have not bought yet
-- ARGV[1] saleId
-- ARGV[2] userId
-- ARGV[3] quantity, >= 1
-- ARGV[4] the order id to use if the purchase is accepted
-- ARGV[5] Idempotency-Key, or '' for none
-- ARGV[6] outbox grace in ms: how long the relay leaves a new order to the API's own send
-- ARGV[7] shopper: ms between requests at the sustained rate ('0': no limit)
-- ARGV[8] shopper: burst, requests allowed at once
-- ARGV[9], ARGV[10] the same for the client address
-- ARGV[11] '1' when the request carries a valid admission to this sale for this shopper (the
--          API verified its signature), anything else when not
--
-- Returns one of:
--   {'RESERVED', orderId, remaining, replayed, orderJson}  accepted; replayed = '1' when an
--                                                          earlier request with the same key was
--   {'SOLD_OUT', remaining}                 fewer than quantity units left ('0': sold out)
--   {'LIMIT_REACHED', limit, bought}        the shopper's units plus quantity exceed the limit
--   {'NOT_STARTED', startsAtMs}             the sale opens later (by Redis TIME)
--   {'ENDED', endsAtMs}                     the sale has closed (by Redis TIME)
--   {'CLOSED'}                              the sale is held closed (e.g. while it is rebuilt)
--   {'ARCHIVED', endsAtMs}                  the sale ended and Redis let go of it (sale-archive.lua);
--                                           an idempotent retry is answered from the order store,
--                                           once the rate limits let it through
--   {'NOT_FOUND'}                           no such sale
--   {'IDEMPOTENCY_MISMATCH', orderId}       the shopper used the key for another quantity
--   {'RATE_LIMITED', scope, retryAfterMs}   over the 'shopper' or 'address' rate; nothing taken
--   {'NOT_ADMITTED'}                        the sale has a waiting room and no admission came
local user = ARGV[2]
local quantity = tonumber(ARGV[3])
local idempotencyKey = ARGV[5]
local idempotencyField = user .. ' ' .. idempotencyKey

local sale = redis.call('HMGET', KEYS[1], 'remaining', 'limit', 'starts', 'ends', 'closed', 'archived')
if sale[6] and idempotencyKey == '' then
  -- Refused without a write: a tombstone does not grow Redis.
  return {'ARCHIVED', sale[6]}
end
if not sale[1] and not sale[6] then
  -- Nothing is written for a sale that does not exist: made-up sale ids cannot grow Redis.
  return {'NOT_FOUND'}
end
local remaining = tonumber(sale[1])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

-- Rate limits (GCRA): a request is allowed while the bucket's theoretical arrival time is
-- no further ahead of now than (burst - 1) intervals. Both limits are checked before
-- either is charged, so a refusal by one costs the other nothing.
local function ahead(key, interval, burst)
  if interval <= 0 then
    return nil
  end
  local tat = math.max(tonumber(redis.call('GET', key) or '0'), now)
  return tat, tat - now - interval * (burst - 1)
end
local shopperInterval, addressInterval = tonumber(ARGV[7]), tonumber(ARGV[9])
local shopperTat, shopperWait = ahead(KEYS[6], shopperInterval, tonumber(ARGV[8]))
local addressTat, addressWait = ahead(KEYS[7], addressInterval, tonumber(ARGV[10]))
if shopperTat and shopperWait > 0 then
  return {'RATE_LIMITED', 'shopper', tostring(math.ceil(shopperWait))}
end
if addressTat and addressWait > 0 then
  return {'RATE_LIMITED', 'address', tostring(math.ceil(addressWait))}
end
if shopperTat then
  redis.call('SET', KEYS[6], shopperTat + shopperInterval, 'PX', math.ceil(shopperTat + shopperInterval - now))
end
if addressTat then
  redis.call('SET', KEYS[7], addressTat + addressInterval, 'PX', math.ceil(addressTat + addressInterval - now))
end

if sale[6] then
  -- A retry on an archived sale is answered from the order store, a read dearer than this
  -- script: it is rate-limited like any purchase (the limits' keys expire on their own).
  return {'ARCHIVED', sale[6]}
end

-- A retry is answered with the order it first created, whatever happened since.
if idempotencyKey ~= '' then
  local existing = redis.call('HGET', KEYS[4], idempotencyField)
  local json = existing and redis.call('HGET', KEYS[3], existing)
  if json then
    local order = cjson.decode(json)
    -- (Orders stored before the compact form have 'quantity'.)
    if tonumber(order.q or order.quantity) ~= quantity then
      return {'IDEMPOTENCY_MISMATCH', existing}
    end
    return {'RESERVED', existing, tostring(remaining), '1', json}
  end
end

local hasRoom = redis.call('EXISTS', KEYS[8]) == 1
if hasRoom and ARGV[11] ~= '1' then
  return {'NOT_ADMITTED'}
end
if sale[5] == '1' then
  return {'CLOSED'}
end
local starts = tonumber(sale[3]) or 0
local ends = tonumber(sale[4]) or 0
if starts > 0 and now < starts then
  return {'NOT_STARTED', tostring(starts)}
end
if ends > 0 and now >= ends then
  return {'ENDED', tostring(ends)}
end

if quantity > remaining then
  return {'SOLD_OUT', tostring(remaining)}
end
local limit = tonumber(sale[2]) or 0
if limit > 0 then
  local bought = tonumber(redis.call('HGET', KEYS[2], user) or '0')
  if bought + quantity > limit then
    return {'LIMIT_REACHED', tostring(limit), tostring(bought)}
  end
end

remaining = redis.call('HINCRBY', KEYS[1], 'remaining', -quantity)
redis.call('HINCRBY', KEYS[1], 'sold', quantity)
redis.call('HINCRBY', KEYS[2], user, quantity)
local order = {u = user, q = quantity, t = now}
if idempotencyKey ~= '' then
  order.k = idempotencyKey
  redis.call('HSET', KEYS[4], idempotencyField, ARGV[4])
end
local json = cjson.encode(order)
redis.call('HSET', KEYS[3], ARGV[4], json)
redis.call('ZADD', KEYS[5], now + tonumber(ARGV[6]), ARGV[4])
if hasRoom then
  -- The admission is used: its share of the inlet is free again (the token stays valid to
  -- its end, up to the shopper's limit).
  redis.call('ZREM', KEYS[9], user)
end
return {'RESERVED', ARGV[4], tostring(remaining), '0', json}
