-- sale-hold.lua: hold a sale closed (purchases get sale-not-open) until it is rebuilt.
--
-- A sale Redis lost is recreated closed, with no stock. The hold is conditional on the rebuild the
-- caller's figures came from: a reconciler pass reads the books, then holds; a rebuild that
-- reopened the sale in between must not be undone by books read before it.
--
-- KEYS[1] sale:{id}
-- ARGV[1] the sale's 'rebuilt' field as the caller read it ('' for none), or '*' to hold whatever
--         rebuilt it since
--
-- Returns {'HELD'}, {'REBUILT'} (rebuilt since the caller's read: left as it is) or {'ARCHIVED'}
-- (nothing to hold, nothing to rebuild).
if redis.call('HEXISTS', KEYS[1], 'archived') == 1 then
  return {'ARCHIVED'}
end
if ARGV[1] ~= '*' and (redis.call('HGET', KEYS[1], 'rebuilt') or '') ~= ARGV[1] then
  return {'REBUILT'}
end
redis.call('HSETNX', KEYS[1], 'remaining', '0')
redis.call('HSETNX', KEYS[1], 'initial', '0')
redis.call('HSETNX', KEYS[1], 'sold', '0')
redis.call('HSET', KEYS[1], 'closed', '1')
return {'HELD'}
