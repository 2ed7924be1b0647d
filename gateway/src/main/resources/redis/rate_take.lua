-- One gateway key's per-minute buckets, shared by every instance: takes one request and ARGV tokens
-- from both, or from neither. A bucket holds up to its capacity and refills at capacity per minute.
-- KEYS[1]: requests bucket, KEYS[2]: tokens bucket (hashes {level, at, cap}).
-- ARGV: now_ms, rpm, tpm, tokens (a capacity of 0 means unlimited).
-- Returns {1 if taken else 0, requests level, tokens level} (levels as strings, before the take).
local now = tonumber(ARGV[1])
local slack = 1e-6

local function refill(key, capacity)
  local v = redis.call('HMGET', key, 'level', 'at', 'cap')
  local level, at, cap = tonumber(v[1]), tonumber(v[2]), tonumber(v[3])
  if level == nil then
    return capacity, now
  end
  if cap ~= capacity then
    level = math.min(capacity, level + (capacity - cap))
  end
  if now > at then
    level = math.min(capacity, level + (now - at) * capacity / 60000)
  end
  return level, math.max(now, at) -- an instance whose clock is behind pauses the refill, never repeats it
end

local function save(key, level, at, capacity)
  redis.call('HSET', key, 'level', string.format('%.6f', level), 'at', at, 'cap', capacity)
  redis.call('PEXPIRE', key, 120000)
end

local rpm, tpm, tokens = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local requests, requestsAt, budget, budgetAt = 0, now, 0, now
if rpm > 0 then requests, requestsAt = refill(KEYS[1], rpm) end
if tpm > 0 then budget, budgetAt = refill(KEYS[2], tpm) end
local ok = (rpm == 0 or requests + slack >= 1) and (tpm == 0 or budget + slack >= tokens)
if ok then
  if rpm > 0 then save(KEYS[1], requests - 1, requestsAt, rpm) end
  if tpm > 0 then save(KEYS[2], budget - tokens, budgetAt, tpm) end
end
return {ok and 1 or 0, string.format('%.6f', requests), string.format('%.6f', budget)}
