-- A weighted mix of GET requests for wrk (https://github.com/wg/wrk, Debian package `wrk`).
--
--   wrk -t2 -c32 -d30s --timeout 10s -s scripts/wrk/mix.lua http://127.0.0.1:8000 \
--       -- PATHS_FILE plan=70 departures=20 healthz=10
--
-- PATHS_FILE holds one request per line, "kind<TAB>path?query" (path already URL-encoded),
-- written by scripts/wrk_run.py. Each request picks a kind by weight, then a path of that kind
-- uniformly at random, so plans come from as many distinct origins as the file lists.
-- Every answer outside 200-299 counts as non-2xx (wrk itself only counts >= 400).
-- At the end one line "WRK_JSON {...}" carries the counts and latency percentiles (us).

local pools = {}          -- kind -> list of paths
local kinds = {}          -- kinds with a weight, in argument order
local cumulative = {}     -- running sum of the weights, parallel to kinds
local total_weight = 0
local threads = {}

-- per-thread globals, read back in done() with thread:get
sent = {}                 -- kind -> requests sent
non2xx = 0
statuses = {}             -- "status" -> count, for answers outside 200-299

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_no", #threads)
end

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open the paths file " .. tostring(args[1]))
  for line in file:lines() do
    local kind, path = line:match("^([%w_]+)\t(/.*)$")
    if kind then
      pools[kind] = pools[kind] or {}
      table.insert(pools[kind], path)
    end
  end
  file:close()
  for i = 2, #args do
    local kind, weight = args[i]:match("^([%w_]+)=([%d%.]+)$")
    weight = tonumber(weight)
    if kind and weight and weight > 0 and pools[kind] then
      total_weight = total_weight + weight
      table.insert(kinds, kind)
      table.insert(cumulative, total_weight)
      sent[kind] = 0
    end
  end
  assert(total_weight > 0, "no kind=weight argument names a kind present in the paths file")
  math.randomseed(os.time() * 97 + (thread_no or 0))
  wrk.headers["Accept-Encoding"] = "gzip"
end

function request()
  local r = math.random() * total_weight
  local kind = kinds[#kinds]
  for i = 1, #kinds do
    if r < cumulative[i] then
      kind = kinds[i]
      break
    end
  end
  local pool = pools[kind]
  sent[kind] = sent[kind] + 1
  return wrk.format("GET", pool[math.random(#pool)])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    local key = tostring(status)
    statuses[key] = (statuses[key] or 0) + 1
  end
end

local function json_counts(tbl)
  local parts = {}
  for key, value in pairs(tbl) do
    table.insert(parts, string.format('"%s":%d', key, value))
  end
  table.sort(parts)
  return "{" .. table.concat(parts, ",") .. "}"
end

function done(summary, latency, requests)
  local all_sent, all_statuses, all_non2xx = {}, {}, 0
  for _, thread in ipairs(threads) do
    for kind, count in pairs(thread:get("sent") or {}) do
      all_sent[kind] = (all_sent[kind] or 0) + count
    end
    for status, count in pairs(thread:get("statuses") or {}) do
      all_statuses[status] = (all_statuses[status] or 0) + count
    end
    all_non2xx = all_non2xx + (thread:get("non2xx") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"non2xx":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f},' ..
    '"sent":%s,"statuses":%s}\n',
    summary.requests, summary.duration, summary.bytes, all_non2xx,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, json_counts(all_sent), json_counts(all_statuses)))
end
