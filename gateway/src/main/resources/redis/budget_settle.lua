-- Swaps a hold for the real cost. KEYS: the n accounts the hold was placed on, then the same n
-- accounts in the current period (the same keys unless a period ended meanwhile).
-- ARGV: hold member ("<hold id>:<amount>"), amount, actual cost, then for each current key: keep_until_ms.
-- A hold already expired is not released twice; the cost is always added.
local n = #KEYS / 2
for i = 1, n do
  local held = KEYS[i]
  if redis.call('ZREM', held .. ':holds', ARGV[1]) == 1 then
    redis.call('HINCRBY', held, 'reserved', '-' .. ARGV[2])
  end
  local current = KEYS[n + i]
  redis.call('HINCRBY', current, 'spent', ARGV[3])
  redis.call('PEXPIREAT', current, ARGV[3 + i])
end
return n
