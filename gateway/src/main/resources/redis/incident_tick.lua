-- One instance's incident tick in a fleet: take or renew the leader's lease, leave this tick's
-- sighting, and read the fresh sightings of the others (stale ones are dropped).
-- KEYS[1]: leader lease, KEYS[2]: sightings hash (instance -> JSON with at_ms).
-- ARGV: instance, lease_ms, sighting JSON, now_ms, max_age_ms.
-- Returns {leader, sighting JSON of each other fresh instance...}.
local leader = redis.call('GET', KEYS[1])
if not leader then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  leader = ARGV[1]
elseif leader == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
local out = {leader}
local oldest = tonumber(ARGV[4]) - tonumber(ARGV[5])
local all = redis.call('HGETALL', KEYS[2])
for i = 1, #all, 2 do
  if tonumber(cjson.decode(all[i + 1]).at_ms) < oldest then
    redis.call('HDEL', KEYS[2], all[i])
  elseif all[i] ~= ARGV[1] then
    out[#out + 1] = all[i + 1]
  end
end
return out
