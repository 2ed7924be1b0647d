-- A tenant's answer leaked on one instance: every instance stops keeping that tenant's content.
-- KEYS[1]: tripped tenants hash (tenant -> why). ARGV: tenant, why, channel, message JSON.
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('PUBLISH', ARGV[3], ARGV[4])
  return 1
end
return 0
