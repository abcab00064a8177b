-- wrk script: every request buys one unit as the next of a pool of signed-in shoppers (their
-- tokens from loadtest/tokens.sh), each from an address of its own in X-Forwarded-For (start the
-- API with VELOCITY_HTTP_TRUSTEDPROXIES=127.0.0.1/32, as behind a load balancer); counts outcomes.
--   wrk -t2 -c128 -d10s -s loadtest/lua/buy.lua http://localhost:8080 -- <saleId> <tokens-file>
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  sale = args[1]
  tokens = {}
  for line in io.lines(args[2]) do
    if line ~= "" then
      table.insert(tokens, line)
    end
  end
  n = 0
  ok = 0
  sold_out = 0
  limited = 0
  other = 0
  body = string.format('{"saleId":"%s","quantity":1}', sale)
end

function request()
  n = n + 1
  -- Threads take turns through the pool, so that no two send the same shopper at once.
  local i = ((n * #threads + id) % #tokens) + 1
  return wrk.format("POST", "/buy", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[i],
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(i / 65536) % 256, math.floor(i / 256) % 256, i % 256),
  }, body)
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  elseif status == 409 then
    sold_out = sold_out + 1
  elseif status == 429 then
    limited = limited + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local o, s, l, x = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok")
    s = s + t:get("sold_out")
    l = l + t:get("limited")
    x = x + t:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f ok=%d sold_out=%d rate_limited=%d other=%d errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, o, s, l, x,
    e.connect + e.read + e.write + e.timeout))
end
