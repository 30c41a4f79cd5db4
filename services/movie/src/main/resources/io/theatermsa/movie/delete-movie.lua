-- Deletes a movie and unlists it, in one atomic step.
-- KEYS[1] movie:<id>   KEYS[2] movies:index   ARGV[1] id
-- Returns 1 when deleted, 0 when there was no such movie.
local deleted = redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return deleted
