-- wrk script: a fixed request rate with Debian's wrk (Debian has no wrk2).
--
-- wrk asks delay() before each request; this script hands out send slots from one schedule per wrk thread,
-- LOAD_RATE_PER_THREAD requests per second apart, and returns the time until the next free slot. With enough
-- connections the achieved rate is the scheduled one, the same for every target, whatever the latency (a
-- closed loop with a fixed think time would send less to a slower target). A target that falls behind loses
-- the missed slots (no catch-up burst), which shows as an achieved rate below the schedule.
-- Latency is wrk's own: from the request's write to its response. It is not corrected for coordinated omission
-- as wrk2 would be, so a stall is counted once per waiting connection rather than per scheduled request;
-- the same holds for every target, so differences between them stay comparable.
dofile(os.getenv("LOAD_LUA_DIR") .. "/report.lua")

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } load_timespec;
int clock_gettime(int clock_id, load_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("load_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local rate = tonumber(os.getenv("LOAD_RATE_PER_THREAD") or "")
assert(rate and rate > 0, "LOAD_RATE_PER_THREAD must be a positive number of requests per second")
local interval = 1000 / rate
local next_slot = nil

delay = function()
  local now = now_ms()
  if next_slot == nil or next_slot < now then
    next_slot = now
  end
  local wait = next_slot - now
  next_slot = next_slot + interval
  return wait
end
