package io.theatermsa.movie;

import io.theatermsa.platform.server.ServiceLauncher;

/**
 * movie-service in its container ({@link ServiceLauncher} lists the environment it reads): {@link MovieServiceApp}
 * over Redis.
 */
public final class Main {

    static final String SERVICE = "movie-service";

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceLauncher.launch(SERVICE, System.getenv(), (where, topology, redis) ->
                MovieServiceApp.start(where.identity(), where.bindHost(), where.port(), redis));
    }
}
