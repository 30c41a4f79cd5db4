-- Books seats atomically: either every requested seat is free and the booking is written with all its indexes,
-- or nothing changes. Redis runs one script at a time, so two requests for one seat can never both succeed.
-- KEYS[1] bookings:seats:<movieId>:<showtimeId> (hash: seat -> booking id)
-- KEYS[2] booking:<id>   KEYS[3] bookings:index   KEYS[4] bookings:user:<userId>
-- KEYS[5] bookings:idempotency:<key>, a hash {fingerprint, booking} (only when the request has an Idempotency-Key)
-- ARGV[1] booking id   ARGV[2] booking JSON   ARGV[3] request fingerprint   ARGV[4] key retention (seconds)
-- ARGV[5..] seat ids
-- Returns {'reserved'}, {'replayed', first booking JSON}, {'reused'} (same key, other request),
-- or {'taken', seat, ...} listing the requested seats that are already booked.
if #KEYS == 5 then
    local fingerprint = redis.call('HGET', KEYS[5], 'fingerprint')
    if fingerprint then
        if fingerprint ~= ARGV[3] then
            return {'reused'}
        end
        return {'replayed', redis.call('HGET', KEYS[5], 'booking')}
    end
end
local taken = {'taken'}
for i = 5, #ARGV do
    if redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 then
        taken[#taken + 1] = ARGV[i]
    end
end
if #taken > 1 then
    return taken
end
for i = 5, #ARGV do
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[1])
end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[1], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[1], ARGV[1])
if #KEYS == 5 then
    redis.call('HSET', KEYS[5], 'fingerprint', ARGV[3], 'booking', ARGV[2])
    redis.call('EXPIRE', KEYS[5], ARGV[4])
end
return {'reserved'}
