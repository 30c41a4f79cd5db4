-- Creates one user, claiming its e-mail address in the same atomic step.
-- KEYS[1] user:<id>   KEYS[2] users:emails (hash: e-mail key -> id)   KEYS[3] users:index (sorted set)
-- ARGV[1] id   ARGV[2] user JSON   ARGV[3] e-mail key
-- Returns 1 when created, 0 when the e-mail address belongs to another user (nothing written).
if redis.call('HSETNX', KEYS[2], ARGV[3], ARGV[1]) == 0 then
    return 0
end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[1], ARGV[1])
return 1
