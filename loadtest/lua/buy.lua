-- wrk script: every request buys one unit as the next of a pool of signed-in shoppers
-- (shoppers.lua); counts outcomes.
--   wrk -t2 -c128 -d10s -s loadtest/lua/buy.lua http://localhost:8080 -- <saleId> <tokens-file> <wrk-threads>
package.path = "loadtest/lua/?.lua;" .. package.path
local shoppers = require("shoppers")
setup = shoppers.setup

function init(args)
  pool = shoppers.load(args[2], args[3])
  ok = 0
  sold_out = 0
  limited = 0
  unavailable = 0
  other = 0
  body = string.format('{"saleId":"%s","quantity":1}', args[1])
end

function request()
  local headers = shoppers.next(pool, id)
  headers["Content-Type"] = "application/json"
  return wrk.format("POST", "/buy", headers, body)
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  elseif status == 409 then
    sold_out = sold_out + 1
  elseif status == 429 then
    limited = limited + 1
  elseif status == 503 then
    unavailable = unavailable + 1
    other = other + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local o, s, l, x = shoppers.total("ok"), shoppers.total("sold_out"), shoppers.total("limited"), shoppers.total("other")
  local u = shoppers.total("unavailable")
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f ok=%d sold_out=%d rate_limited=%d other=%d unavailable=%d errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, o, s, l, x, u,
    e.connect + e.read + e.write + e.timeout))
end
