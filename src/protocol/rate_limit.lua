local event_limit = tonumber(ARGV[3])
if event_limit > 0 then
  local n = redis.call('INCR', KEYS[2])
  if n == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
  if n > event_limit then return {2, n - event_limit} end
end
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if c > tonumber(ARGV[1]) then return {1, c - tonumber(ARGV[1])} end
return {0, 0}
