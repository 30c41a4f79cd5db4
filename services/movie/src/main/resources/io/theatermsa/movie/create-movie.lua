-- Stores a new movie and lists it, in one atomic step.
-- KEYS[1] movie:<id>   KEYS[2] movies:index (sorted set scored by id)
-- ARGV[1] id   ARGV[2] movie JSON
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[1])
return 1
