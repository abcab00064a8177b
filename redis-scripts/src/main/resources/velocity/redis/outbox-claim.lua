-- outbox-claim.lua: claim the orders of one sale that are due for a (re)send to the queue.
--
-- An order stays in the outbox until the queue has acknowledged it (ZREM by the sender). A
-- claim pushes each order's due time a lease into the future, so that several relays (one per
-- API instance) do not send the same order at the same moment; a relay that dies mid-send leaves
-- the order to be claimed again when the lease ends. Sending twice is safe: the worker is
-- idempotent on the order id.
--
-- KEYS[1] sale:{id}:outbox   zset: orderId -> epoch ms from which it is due
-- KEYS[2] sale:{id}:orders   hash: orderId -> order JSON
-- ARGV[1] lease in ms
-- ARGV[2] most orders to claim
--
-- Returns the claimed orders, oldest first, as pairs: orderId, its JSON, orderId, its JSON...
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local claimed = {}
for _, orderId in ipairs(due) do
  local json = redis.call('HGET', KEYS[2], orderId)
  if json then
    redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), orderId)
    claimed[#claimed + 1] = orderId
    claimed[#claimed + 1] = json
  else
    -- No order behind it (the sale was deleted): nothing to send.
    redis.call('ZREM', KEYS[1], orderId)
  end
end
return claimed
