-- wrk script: every request buys one unit for a new, distinct shopper; counts outcomes.
--   wrk -t2 -c128 -d10s -s loadtest/lua/buy.lua http://localhost:8080 -- <saleId>
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  sale = args[1]
  n = 0
  ok = 0
  sold_out = 0
  other = 0
end

function request()
  n = n + 1
  local body = string.format('{"saleId":"%s","userId":"w%d-%d-%d","quantity":1}', sale, id, os.time(), n)
  return wrk.format("POST", "/buy", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  elseif status == 409 then
    sold_out = sold_out + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local o, s, x = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok")
    s = s + t:get("sold_out")
    x = x + t:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f ok=%d sold_out=%d other=%d errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, o, s, x,
    e.connect + e.read + e.write + e.timeout))
end
