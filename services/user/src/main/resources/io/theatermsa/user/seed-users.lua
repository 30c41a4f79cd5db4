-- Plants the seed users exactly once. Redis runs a script atomically, so of any number of instances starting
-- together exactly one sees the marker absent; the marker is never removed, so deleting a seed user later does
-- not bring it back on restart. A seed whose e-mail address is already taken is skipped.
-- KEYS[1] users:seeded (marker)   KEYS[2] users:seq   KEYS[3] users:emails   KEYS[4] users:index
-- ARGV pairs: e-mail key, user JSON without its id (an object with at least one field)
-- Returns how many users were planted; -1 when the marker was already set.
if not redis.call('SET', KEYS[1], '1', 'NX') then
    return -1
end
local planted = 0
for i = 1, #ARGV, 2 do
    if redis.call('HEXISTS', KEYS[3], ARGV[i]) == 0 then
        local id = tostring(redis.call('INCR', KEYS[2]))
        redis.call('SET', 'user:' .. id, '{"id":"' .. id .. '",' .. string.sub(ARGV[i + 1], 2))
        redis.call('HSET', KEYS[3], ARGV[i], id)
        redis.call('ZADD', KEYS[4], id, id)
        planted = planted + 1
    end
end
return planted
