-- The pool of signed-in shoppers the wrk scripts send as (tokens from loadtest/tokens.sh or
-- loadtest/mint-tokens.mjs, one a line), each from an address of its own in X-Forwarded-For
-- (start the API with VELOCITY_HTTP_TRUSTEDPROXIES=127.0.0.1/32, as behind a load balancer).
-- Each wrk thread runs in a Lua state of its own, which knows only its own id: the thread count
-- comes as an argument, and thread k sends shoppers k, k + T, k + 2T, ... so no two threads send
-- the same shopper at once and every shopper is sent before any is sent twice.
local shoppers = { threads = {} }

local next_id = 1

--- wrk's setup(thread): numbers the threads 1..T and keeps them for the totals.
function shoppers.setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(shoppers.threads, thread)
end

--- A counter (a global of each thread's script) summed over the threads, for done().
function shoppers.total(name)
  local sum = 0
  for _, thread in ipairs(shoppers.threads) do
    sum = sum + thread:get(name)
  end
  return sum
end

--- The pool: its tokens, read from a file.
function shoppers.load(file, threads)
  local pool = { tokens = {}, threads = tonumber(threads) or 1, n = 0 }
  for line in io.lines(file) do
    if line ~= "" then
      table.insert(pool.tokens, line)
    end
  end
  assert(#pool.tokens > 0, "no tokens in " .. file)
  return pool
end

--- The headers of this thread's next shopper.
function shoppers.next(pool, thread_id)
  local i = ((pool.n * pool.threads + thread_id - 1) % #pool.tokens) + 1
  pool.n = pool.n + 1
  return {
    ["Authorization"] = "Bearer " .. pool.tokens[i],
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(i / 65536) % 256, math.floor(i / 256) % 256, i % 256),
  }
end

return shoppers
