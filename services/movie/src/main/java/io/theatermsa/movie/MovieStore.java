package io.theatermsa.movie;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.platform.http.ApiException;
import io.theatermsa.platform.http.CollectionStore;
import io.theatermsa.platform.http.Listing;
import io.theatermsa.platform.http.PageRequest;
import io.theatermsa.platform.redis.LuaScript;
import io.theatermsa.platform.redis.RedisIndex;

import java.util.Optional;

/**
 * Movies in Redis: each is the JSON string at {@code movie:<id>}; {@code movies:index}, a sorted set scored by id,
 * lists them in creation order. A listing is one ZRANGE and one MGET per 1,000 movies.
 */
final class MovieStore implements CollectionStore<Movie, MovieDraft> {

    static final String SEQUENCE = "movies:seq";
    static final String INDEX = "movies:index";

    private static final RedisIndex LISTING = new RedisIndex(INDEX, MovieStore::key);
    private static final LuaScript CREATE = LuaScript.load(MovieStore.class, "create-movie.lua");
    private static final LuaScript DELETE = LuaScript.load(MovieStore.class, "delete-movie.lua");

    private final RedisCommands<String, String> redis;
    private final ObjectMapper mapper;

    MovieStore(RedisCommands<String, String> redis, ObjectMapper mapper) {
        this.redis = redis;
        this.mapper = mapper;
    }

    static String key(String id) {
        return "movie:" + id;
    }

    @Override
    public Movie create(MovieDraft draft) {
        draft.requireValid();
        Movie movie = draft.withId(String.valueOf(redis.incr(SEQUENCE)));
        CREATE.integer(redis, new String[] {key(movie.id()), INDEX}, movie.id(), write(movie));
        return movie;
    }

    @Override
    public Movie get(String id) {
        return Optional.ofNullable(redis.get(key(id))).map(this::read).orElseThrow(() -> notFound(id));
    }

    /** All movies in creation order, or a page: one ZRANGE (or ZRANGEBYSCORE) and one MGET per 1,000. */
    @Override
    public Listing list(Optional<PageRequest> page) {
        return LISTING.listing(redis, page);
    }

    /** Replaces an existing movie whole (SET ... XX: never creates one). */
    @Override
    public Movie replace(String id, MovieDraft draft) {
        draft.requireValid();
        Movie movie = draft.withId(id);
        if (redis.set(key(id), write(movie), SetArgs.Builder.xx()) == null) {
            throw notFound(id);
        }
        return movie;
    }

    @Override
    public void delete(String id) {
        Long deleted = DELETE.integer(redis, new String[] {key(id), INDEX}, id);
        if (deleted == 0) {
            throw notFound(id);
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("movie", id);
    }

    String write(Movie movie) {
        try {
            return mapper.writeValueAsString(movie);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise movie " + movie.id(), e);
        }
    }

    private Movie read(String json) {
        try {
            return mapper.readValue(json, Movie.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable movie JSON in Redis: " + e.getOriginalMessage(), e);
        }
    }
}
