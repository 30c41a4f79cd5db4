package io.theatermsa.user;

import io.theatermsa.platform.server.ServiceLauncher;

/**
 * user-service in its container ({@link ServiceLauncher} lists the environment it reads): {@link UserServiceApp}
 * over Redis.
 */
public final class Main {

    static final String SERVICE = "user-service";

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServiceLauncher.launch(SERVICE, System.getenv(), (where, topology, redis) ->
                UserServiceApp.start(where.identity(), where.bindHost(), where.port(), redis));
    }
}
