-- Cancels a booking atomically: frees its seats (those still held by it), removes it from both indexes and
-- deletes it. Does nothing when the booking is no longer the one read before (a concurrent cancel won).
-- KEYS[1] booking:<id>   KEYS[2] bookings:seats:<movieId>:<showtimeId>   KEYS[3] bookings:index
-- KEYS[4] bookings:user:<userId>
-- ARGV[1] booking id   ARGV[2] the booking JSON as read   ARGV[3..] its seat ids
-- Returns 1 when cancelled, 0 when it was already gone.
if redis.call('GET', KEYS[1]) ~= ARGV[2] then
    return 0
end
for i = 3, #ARGV do
    if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[1] then
        redis.call('HDEL', KEYS[2], ARGV[i])
    end
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
return 1
