-- An operator's breaker mode change, for every instance: kept (so an instance that subscribes later
-- or misses the message reads it), then announced. An older change never overwrites a newer one.
-- KEYS[1]: modes hash (class -> change JSON), KEYS[2]: DATA_INCIDENT's tripped tenants.
-- ARGV: class, change JSON, its time in ms, channel, 1 if the change resets the leak trips.
local kept = redis.call('HGET', KEYS[1], ARGV[1])
if kept and tonumber(cjson.decode(kept).at_ms) > tonumber(ARGV[3]) then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[5] == '1' then
  redis.call('DEL', KEYS[2])
end
redis.call('PUBLISH', ARGV[4], ARGV[2])
return 1
