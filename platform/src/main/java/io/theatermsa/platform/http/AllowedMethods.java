package io.theatermsa.platform.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;

import java.util.Set;

/** A handler for the methods a path does not accept: 405 with {@code Allow}. Register it after the real ones. */
public final class AllowedMethods {

    private AllowedMethods() {
    }

    public static Handler only(Method... allowed) {
        Set<Method> set = Set.of(allowed);
        return (req, res) -> {
            throw ApiException.methodNotAllowed(req.prologue().method(), set);
        };
    }
}
