-- wrk script: each request asks for the next path of a file (one path a line), round and
-- round, each thread starting at its own place, so a run visits many distinct pages in turn.
-- usage: wrk ... -s Tests/Benchmarks/rotate.lua http://127.0.0.1:PORT -- PATHS_FILE
local threads = 0

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

local paths = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  if #paths == 0 then error("no paths in " .. tostring(args[1])) end
  -- Threads start far apart, so they do not ask for the same page at the same moment.
  i = math.floor((offset or 0) * #paths / 2) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
