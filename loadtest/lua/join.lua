-- wrk script: a stampede on a sale's waiting room. Each request joins the queue as the next of a
-- pool of signed-in shoppers (shoppers.lua); counts outcomes. A second lap joins again (the same
-- place): the caller stops wrk once every shopper is in.
--   wrk -t2 -c64 -d60s -s loadtest/lua/join.lua http://localhost:8080 -- <saleId> <tokens-file> <wrk-threads>
package.path = "loadtest/lua/?.lua;" .. package.path
local shoppers = require("shoppers")
setup = shoppers.setup

function init(args)
  path = "/sales/" .. args[1] .. "/queue"
  pool = shoppers.load(args[2], args[3])
  ok = 0
  other = 0
end

function request()
  return wrk.format("POST", path, shoppers.next(pool, id))
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local o, x = shoppers.total("ok"), shoppers.total("other")
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f ok=%d other=%d errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, o, x, e.connect + e.read + e.write + e.timeout))
end
