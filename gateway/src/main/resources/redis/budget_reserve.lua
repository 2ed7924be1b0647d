-- Holds one request's worst-case cost on every budget account in KEYS, or on none.
-- KEYS[i]: an account's hash {spent, reserved} (nano-USD); KEYS[i]..':holds' is a sorted set of
--   its holds, member "<hold id>:<amount>", score = when the hold expires (ms), so a hold left by a
--   crashed instance frees itself.
-- ARGV: now_ms, hold_ttl_ms, hold_id, amount, then for each key: limit, keep_until_ms.
-- Returns {1 if held else 0, spent_1, reserved_1, spent_2, reserved_2, ...}, as they were before this hold.
local now = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local hold = ARGV[3]
local amount = tonumber(ARGV[4])
local admitted = 1
local out = {0}
for i, key in ipairs(KEYS) do
  local holds = key .. ':holds'
  local expired = redis.call('ZRANGEBYSCORE', holds, '-inf', now)
  if #expired > 0 then
    local freed = 0
    for _, member in ipairs(expired) do
      freed = freed + tonumber(string.match(member, ':(%d+)$'))
    end
    redis.call('ZREMRANGEBYSCORE', holds, '-inf', now)
    redis.call('HINCRBY', key, 'reserved', string.format('%d', -freed))
  end
  local spent = tonumber(redis.call('HGET', key, 'spent') or '0')
  local reserved = tonumber(redis.call('HGET', key, 'reserved') or '0')
  local limit = tonumber(ARGV[3 + 2 * i])
  if not (spent < limit and spent + reserved + amount <= limit) then
    admitted = 0
  end
  out[2 * i] = spent
  out[2 * i + 1] = reserved
end
if admitted == 1 and amount > 0 then
  for i, key in ipairs(KEYS) do
    local keep = ARGV[4 + 2 * i]
    redis.call('HINCRBY', key, 'reserved', ARGV[4])
    redis.call('ZADD', key .. ':holds', now + ttl, hold .. ':' .. ARGV[4])
    redis.call('PEXPIREAT', key, keep)
    redis.call('PEXPIREAT', key .. ':holds', keep)
  end
end
out[1] = admitted
return out
