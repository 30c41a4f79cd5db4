-- Plants the seed movies exactly once. Redis runs a script atomically, so of any number of instances starting
-- together exactly one sees the marker absent; the marker is never removed, so deleting a seed movie later does
-- not bring it back on restart.
-- KEYS[1] movies:seeded (marker)   KEYS[2] movies:seq   KEYS[3] movies:index
-- ARGV each: a movie JSON object without its id (at least one field); the id is put first.
-- Returns how many movies were planted; -1 when the marker was already set.
if not redis.call('SET', KEYS[1], '1', 'NX') then
    return -1
end
for i = 1, #ARGV do
    local id = tostring(redis.call('INCR', KEYS[2]))
    redis.call('SET', 'movie:' .. id, '{"id":"' .. id .. '",' .. string.sub(ARGV[i], 2))
    redis.call('ZADD', KEYS[3], id, id)
end
return #ARGV
