package io.theatermsa.movie;

import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.http.CollectionResource;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.server.ServiceServer;

/** Wires movie-service; the Kubernetes {@link Main} and the local launcher both start it here. */
public final class MovieServiceApp {

    private MovieServiceApp() {
    }

    /**
     * Starts movie-service on {@code bindHost:port} (0 picks a free port) and plants the seed movies, now if Redis
     * answers, otherwise in the background once it does.
     */
    public static ServiceServer start(WorkloadIdentity identity, String bindHost, int port, RedisConnector redis) {
        JsonBodies json = new JsonBodies(Json.newMapper());
        RedisCommands<String, String> commands = redis.connection().sync();
        MovieStore movies = new MovieStore(commands, json.mapper());
        CollectionResource<Movie, MovieDraft> resource = new CollectionResource<>(
                "/movies", movies, MovieDraft.class, Movie::id, json);
        return ServiceServer.builder(identity, json)
                .host(bindHost)
                .port(port)
                .store(redis)
                .service(resource.path(), resource)
                .seed(MovieSeed.of(commands, movies))
                .start();
    }
}
