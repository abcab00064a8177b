-- room-leave.lua: a shopper gives up a place or an admission, which frees it at once.
--
-- KEYS[1..5] as room-join.lua
-- ARGV[1] shopper
--
-- Returns {'LEFT', held} where held = '1' when the shopper had a place or an admission
local queued = redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
local admitted = redis.call('ZREM', KEYS[5], ARGV[1])
if queued + admitted > 0 then
  redis.call('HINCRBY', KEYS[2], 'left', 1)
end
return {'LEFT', (queued + admitted > 0) and '1' or '0'}
