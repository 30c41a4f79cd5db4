-- Deletes a user and releases its e-mail address.
-- KEYS[1] user:<id>   KEYS[2] users:emails (hash: e-mail key -> id)   KEYS[3] users:index (sorted set)
-- ARGV[1] id
-- Returns 1 when deleted, 0 when there is no such user.
local current = redis.call('GET', KEYS[1])
if not current then
    return 0
end
local email = string.lower(tostring(cjson.decode(current).email or ''))
if redis.call('HGET', KEYS[2], email) == ARGV[1] then
    redis.call('HDEL', KEYS[2], email)
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
