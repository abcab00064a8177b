-- sale-rebuild.lua: rebuild a sale's state from the durable record of its orders, and reopen it.
--
-- Used when Redis came back empty or behind (a restart without data, a failover that lost
-- writes). The caller holds the sale closed, waits for the queue to drain, and passes every order
-- it knows (the order store's, plus the outbox's that the store does not have yet): the units
-- they took are sold, whatever Redis said, so no unit is ever sold twice.
--
-- KEYS[1] sale:{id}   KEYS[2] sale:{id}:buyers   KEYS[3] sale:{id}:orders
-- KEYS[4] sale:{id}:idem   ('<userId> <key>' -> orderId; the outbox, KEYS[5], is kept as it is)
-- ARGV[1] name   ARGV[2] initial stock   ARGV[3] per-user limit (0 none)
-- ARGV[4] starts (epoch ms, 0 none)   ARGV[5] ends (epoch ms, 0 none)
-- ARGV[6] 'first' on the first call of a rebuild (what Redis had of the sale's buyers, orders and
--         keys is cleared first), then the units the earlier calls added: a call that finds
--         another running total (Redis lost them meanwhile) changes nothing
--         and answers {'INTERRUPTED'}
-- ARGV[7] '1' on the last call: the counters are set from every call's orders and the sale reopens
-- ARGV[8..] five values per order: orderId, userId, quantity, order JSON (as purchase.lua stores it),
--           idempotency key ('' none)
--
-- A sale with many orders is rebuilt in several calls (the caller holds it closed and holds the
-- rebuild lock throughout), so that no one call blocks Redis for long; the calls' running totals
-- are kept in the sale's hash until the last.
--
-- The last call stamps the sale's 'rebuilt' field with Redis's clock (epoch microseconds): a hold
-- conditional on it (sale-hold.lua) leaves alone a sale rebuilt after the caller read its books.
--
-- Returns {'CHUNK', sold so far, orders so far} before the last call, then {'REBUILT', remaining,
-- sold, orders}; remaining is floored at 0 (sold > initial would be an oversell the caller reports).
if ARGV[6] == 'first' then
  redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
  redis.call('HDEL', KEYS[1], 'rebuilt-sold', 'rebuilt-orders')
elseif redis.call('HGET', KEYS[1], 'rebuilt-sold') ~= ARGV[6] then
  return {'INTERRUPTED'}
end
local sold = 0
local count = 0
for i = 8, #ARGV, 5 do
  local orderId, user, quantity, json, key = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), ARGV[i + 3], ARGV[i + 4]
  redis.call('HSET', KEYS[3], orderId, json)
  redis.call('HINCRBY', KEYS[2], user, quantity)
  if key ~= '' then
    redis.call('HSET', KEYS[4], user .. ' ' .. key, orderId)
  end
  sold = sold + quantity
  count = count + 1
end
sold = redis.call('HINCRBY', KEYS[1], 'rebuilt-sold', sold)
count = redis.call('HINCRBY', KEYS[1], 'rebuilt-orders', count)
if ARGV[7] ~= '1' then
  return {'CHUNK', tostring(sold), tostring(count)}
end
redis.call('HDEL', KEYS[1], 'rebuilt-sold', 'rebuilt-orders')
local initial = tonumber(ARGV[2])
local remaining = initial - sold
if remaining < 0 then
  remaining = 0
end
local now = redis.call('TIME')
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'initial', initial, 'remaining', remaining, 'sold', sold,
  'limit', ARGV[3], 'starts', ARGV[4], 'ends', ARGV[5], 'closed', '0',
  'rebuilt', now[1] .. string.format('%06d', tonumber(now[2])))
return {'REBUILT', tostring(remaining), tostring(sold), tostring(count)}
