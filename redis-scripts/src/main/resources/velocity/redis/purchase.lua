-- purchase.lua: take units from a sale and record the order, in one atomic step.
--
-- Every key of a sale shares the hash tag {saleId}, so the script is Redis-Cluster-safe.
-- KEYS[1] sale:{id}          hash: name, initial, remaining, sold, limit (0 = none),
--                                  starts, ends (epoch ms, 0 = none), closed (1 = refuse)
-- KEYS[2] sale:{id}:buyers   hash: userId -> units bought
-- KEYS[3] sale:{id}:orders   hash: orderId -> order JSON
-- KEYS[4] sale:{id}:idem     hash: Idempotency-Key -> orderId
-- KEYS[5] sale:{id}:outbox   zset: orderId -> epoch ms from which the relay may (re)send it
-- ARGV[1] saleId
-- ARGV[2] userId
-- ARGV[3] quantity, >= 1
-- ARGV[4] the order id to use if the purchase is accepted
-- ARGV[5] Idempotency-Key, or '' for none
-- ARGV[6] outbox grace in ms: how long the relay leaves a new order to the API's own send
--
-- Returns one of:
--   {'RESERVED', orderId, remaining, replayed, orderJson}  accepted; replayed = '1' when an
--                                                          earlier request with the same key was
--   {'SOLD_OUT', remaining}                 fewer than quantity units left ('0': sold out)
--   {'LIMIT_REACHED', limit, bought}        the shopper's units plus quantity exceed the limit
--   {'NOT_STARTED', startsAtMs}             the sale opens later (by Redis TIME)
--   {'ENDED', endsAtMs}                     the sale has closed (by Redis TIME)
--   {'CLOSED'}                              the sale is held closed (e.g. while it is rebuilt)
--   {'NOT_FOUND'}                           no such sale
--   {'IDEMPOTENCY_MISMATCH', orderId}       the key was used for another shopper or quantity
local user = ARGV[2]
local quantity = tonumber(ARGV[3])
local idempotencyKey = ARGV[5]

local sale = redis.call('HMGET', KEYS[1], 'remaining', 'limit', 'starts', 'ends', 'closed')
if not sale[1] then
  return {'NOT_FOUND'}
end
local remaining = tonumber(sale[1])

-- A retry is answered with the order it first created, whatever happened since.
if idempotencyKey ~= '' then
  local existing = redis.call('HGET', KEYS[4], idempotencyKey)
  local json = existing and redis.call('HGET', KEYS[3], existing)
  if json then
    local order = cjson.decode(json)
    if order.userId ~= user or tonumber(order.quantity) ~= quantity then
      return {'IDEMPOTENCY_MISMATCH', existing}
    end
    return {'RESERVED', existing, tostring(remaining), '1', json}
  end
end

if sale[5] == '1' then
  return {'CLOSED'}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
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
local order = {orderId = ARGV[4], saleId = ARGV[1], userId = user, quantity = quantity, placedAt = now}
if idempotencyKey ~= '' then
  order.idempotencyKey = idempotencyKey
  redis.call('HSET', KEYS[4], idempotencyKey, ARGV[4])
end
local json = cjson.encode(order)
redis.call('HSET', KEYS[3], ARGV[4], json)
redis.call('ZADD', KEYS[5], now + tonumber(ARGV[6]), ARGV[4])
return {'RESERVED', ARGV[4], tostring(remaining), '0', json}
