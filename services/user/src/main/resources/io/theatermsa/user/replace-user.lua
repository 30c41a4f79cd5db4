-- Replaces a user's name and e-mail address, moving the e-mail claim atomically.
-- KEYS[1] user:<id>   KEYS[2] users:emails (hash: e-mail key -> id)
-- ARGV[1] id   ARGV[2] new user JSON   ARGV[3] new e-mail key
-- Returns 1 when replaced, 0 when there is no such user, -1 when the e-mail address belongs to another user.
local current = redis.call('GET', KEYS[1])
if not current then
    return 0
end
local owner = redis.call('HGET', KEYS[2], ARGV[3])
if owner and owner ~= ARGV[1] then
    return -1
end
local old = string.lower(tostring(cjson.decode(current).email or ''))
if redis.call('HGET', KEYS[2], old) == ARGV[1] then
    redis.call('HDEL', KEYS[2], old)
end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[1])
redis.call('SET', KEYS[1], ARGV[2])
return 1
