-- wrk script: every request asks the member directory a question not asked before, so each
-- one is answered afresh (the page's cache cannot help). The questions are the lines of
-- GLASNIK_BENCH_QUESTIONS; GLASNIK_BENCH_QUESTIONS_NEXT holds the index where this run starts
-- and is moved past every question the run used, so later runs (warm-ups, rounds) ask new ones.
local questions = {}
for line in io.lines(os.getenv("GLASNIK_BENCH_QUESTIONS")) do
   questions[#questions + 1] = line
end
local next_file = os.getenv("GLASNIK_BENCH_QUESTIONS_NEXT")

local function read_start()
   local file = io.open(next_file, "r")
   if not file then return 0 end
   local start = tonumber(file:read("*l")) or 0
   file:close()
   return start
end

local threads = tonumber(os.getenv("GLASNIK_BENCH_THREADS")) or 1
local start = read_start()
local thread_count = 0

setup = function(thread)
   thread:set("first", start + thread_count)
   thread_count = thread_count + 1
end

local step = 0

request = function()
   -- Threads take turns through the list: thread t asks questions t, t + T, t + 2T ...
   local index = (first + step * threads) % #questions + 1
   step = step + 1
   return wrk.format(nil, questions[index])
end

dofile(os.getenv("GLASNIK_BENCH_REPORT"))  -- defines done(): the harness's report line
local report_done = done

done = function(summary, latency, requests)
   -- Requests in flight when the run stopped are not counted: leave room for them.
   local file = io.open(next_file, "w")
   file:write(tostring(start + summary.requests + 10 * threads + 1000), "\n")
   file:close()
   report_done(summary, latency, requests)
end
