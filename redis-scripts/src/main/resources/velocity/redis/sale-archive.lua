-- sale-archive.lua: Redis lets go of an ended sale whose books balance. Every key of the sale
-- goes (its orders, shoppers' counts, idempotency keys, outbox and waiting room); what is left
-- is a tombstone, sale:{id} = {archived = its end}, so that a late purchase is told the sale
-- ended (without growing Redis) and a replaced definition cannot reopen it. The tombstone
-- expires after ARGV[2] ms: the order store answers for the sale from then on.
--
-- KEYS[1..5] sale:{id}, its buyers, orders, idempotency keys and outbox (see purchase.lua)
-- KEYS[6..9] its waiting room: room, room:queue, room:seen, room:admitted (room-join.lua)
-- ARGV[1] units the caller found persisted: the sale must have sold exactly these
-- ARGV[2] how long the tombstone stays, in ms
--
-- Returns one of:
--   {'ARCHIVED'}                  archived now, or before
--   {'NOT_FOUND'}
--   {'HELD'}                      held closed for a rebuild: its books are not known yet
--   {'NOT_ENDED', endsMs}         it may still sell ('0': it never ends)
--   {'IN_TRANSIT', pending}       orders the queue has not acknowledged yet
--   {'SOLD_CHANGED', sold}        Redis sold a different number of units than were persisted
local sale = redis.call('HMGET', KEYS[1], 'sold', 'ends', 'closed', 'archived')
if sale[4] then
  return {'ARCHIVED'}
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'NOT_FOUND'}
end
if sale[3] == '1' then
  return {'HELD'}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ends = tonumber(sale[2] or '0')
if ends == 0 or now < ends then
  return {'NOT_ENDED', tostring(ends)}
end
local pending = redis.call('ZCARD', KEYS[5])
if pending > 0 then
  return {'IN_TRANSIT', tostring(pending)}
end
if tonumber(sale[1] or '0') ~= tonumber(ARGV[1]) then
  return {'SOLD_CHANGED', sale[1] or '0'}
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9])
redis.call('HSET', KEYS[1], 'archived', tostring(ends))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return {'ARCHIVED'}
