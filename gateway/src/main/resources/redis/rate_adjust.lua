-- Gives a tokens bucket back what a request reserved but did not use (ARGV[3] > 0), or takes what it
-- used beyond that (< 0); never above capacity. KEYS[1]: tokens bucket. ARGV: now_ms, tpm, delta.
local now, capacity, delta = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local v = redis.call('HMGET', KEYS[1], 'level', 'at', 'cap')
local level, at = tonumber(v[1]), tonumber(v[2])
if level == nil then
  return 0
end
if now > at then
  level = math.min(capacity, level + (now - at) * capacity / 60000)
else
  now = at
end
level = math.min(capacity, level + delta)
redis.call('HSET', KEYS[1], 'level', string.format('%.6f', level), 'at', now, 'cap', capacity)
redis.call('PEXPIRE', KEYS[1], 120000)
return 1
