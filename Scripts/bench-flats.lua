-- wrk script for `make bench`: every request asks the sunlight table of the next flat of
-- one scene, so the response cache (keyed by flat) misses while the scene's analysis is
-- shared. Arguments after `--`: a file of request paths, one a line.
--   wrk -s Scripts/bench-flats.lua http://127.0.0.1:PORT -- paths.txt
local counter = 0
local threads = 0

function setup(thread)
    thread:set("offset", threads)
    threads = threads + 1
end

function init(args)
    paths = {}
    for line in io.lines(args[1]) do paths[#paths + 1] = line end
    -- Threads start at different flats so they do not ask the same one at the same time.
    counter = (offset or 0) * 37
end

function request()
    counter = counter + 1
    return wrk.format("GET", paths[(counter % #paths) + 1])
end
