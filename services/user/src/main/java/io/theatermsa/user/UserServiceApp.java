package io.theatermsa.user;

import io.lettuce.core.api.sync.RedisCommands;
import io.theatermsa.mesh.workload.WorkloadIdentity;
import io.theatermsa.platform.http.CollectionResource;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.http.JsonBodies;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.server.ServiceServer;

/** Wires user-service; the Kubernetes {@link Main} and the local launcher both start it here. */
public final class UserServiceApp {

    private UserServiceApp() {
    }

    /**
     * Starts user-service on {@code bindHost:port} (0 picks a free port) and plants the seed users, now if Redis
     * answers, otherwise in the background once it does.
     */
    public static ServiceServer start(WorkloadIdentity identity, String bindHost, int port, RedisConnector redis) {
        JsonBodies json = new JsonBodies(Json.newMapper());
        RedisCommands<String, String> commands = redis.connection().sync();
        CollectionResource<User, UserDraft> users = new CollectionResource<>(
                "/users", new UserStore(commands, json.mapper()), UserDraft.class, User::id, json);
        return ServiceServer.builder(identity, json)
                .host(bindHost)
                .port(port)
                .store(redis)
                .service(users.path(), users)
                .seed(UserSeed.of(commands, json.mapper()))
                .start();
    }
}
