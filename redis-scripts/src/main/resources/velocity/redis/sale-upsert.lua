-- sale-upsert.lua: create or replace a sale, keeping what it has already sold.
--
-- KEYS[1] sale:{id}   hash (see purchase.lua)
-- ARGV[1] name
-- ARGV[2] stock: the sale's total units; remaining becomes stock - sold
-- ARGV[3] per-user limit, 0 for none
-- ARGV[4] starts, epoch ms, 0 for "open now"
-- ARGV[5] ends, epoch ms, 0 for never
--
-- Returns one of:
--   {'OK', remaining, sold, created}   created = '1' for a new sale
--   {'STOCK_BELOW_SOLD', sold}         stock would be below the units already sold
--   {'ARCHIVED'}                       the sale was archived (sale-archive.lua): it stays ended
if redis.call('HEXISTS', KEYS[1], 'archived') == 1 then
  return {'ARCHIVED'}
end
local stock = tonumber(ARGV[2])
local sold = tonumber(redis.call('HGET', KEYS[1], 'sold') or '0')
local existed = redis.call('EXISTS', KEYS[1])
if stock < sold then
  return {'STOCK_BELOW_SOLD', tostring(sold)}
end
local remaining = stock - sold
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'initial', stock, 'remaining', remaining, 'sold', sold,
  'limit', ARGV[3], 'starts', ARGV[4], 'ends', ARGV[5])
return {'OK', tostring(remaining), tostring(sold), existed == 1 and '0' or '1'}
