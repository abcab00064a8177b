-- sale-delete.lua: delete a sale that never sold, unless it is open: a draft or a scheduled
-- sale, or an ended one nobody bought from. The check and the delete are one step, so no
-- purchase can slip in between.
--
-- KEYS[1..4] sale:{id}, its buyers, orders and idempotency keys (see purchase.lua)
--
-- Returns one of:
--   {'DELETED'}
--   {'NOT_FOUND'}
--   {'HAS_SALES', sold}   something was sold: the sale's books are kept
--   {'OPEN'}              it may sell at any moment: close it first
local sale = redis.call('HMGET', KEYS[1], 'sold', 'starts', 'ends')
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'NOT_FOUND'}
end
local sold = tonumber(sale[1] or '0')
if sold > 0 then
  return {'HAS_SALES', tostring(sold)}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local starts = tonumber(sale[2] or '0')
local ends = tonumber(sale[3] or '0')
if starts <= now and (ends == 0 or now < ends) then
  return {'OPEN'}
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
return {'DELETED'}
