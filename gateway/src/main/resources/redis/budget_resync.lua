-- After an outage or at start-up: an account Redis has lost (restarted without persistence) takes
-- the spend this instance knows (its durable history plus what it spent meanwhile); one Redis kept
-- takes only what this instance spent while Redis was unreachable.
-- KEYS: accounts. ARGV: for each key: known_spent, spent_while_down, keep_until_ms.
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 0 then
    redis.call('HSET', key, 'spent', ARGV[3 * i - 2], 'reserved', '0')
  elseif ARGV[3 * i - 1] ~= '0' then
    redis.call('HINCRBY', key, 'spent', ARGV[3 * i - 1])
  end
  redis.call('PEXPIREAT', key, ARGV[3 * i])
end
return #KEYS
