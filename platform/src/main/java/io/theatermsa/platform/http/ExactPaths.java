package io.theatermsa.platform.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;

/**
 * Keeps a path parameter exactly its segment. Helidon drops ";name=value" matrix parameters from the path it
 * routes, so {@code /users/1;x=y} would answer user 1; this filter answers 404 for any path that has them, as
 * no resource of the project is named that way.
 */
public final class ExactPaths {

    private ExactPaths() {
    }

    public static Filter filter() {
        return (chain, req, res) -> {
            String sent = req.prologue().uriPath().rawPath();
            if (sent.indexOf(';') >= 0) {
                throw new ApiException(Status.NOT_FOUND_404, "not_found", "no resource at " + sent
                        + " (a ';' in a path is not a parameter here; percent-encode it as %3B if it belongs to a name)");
            }
            chain.proceed();
        };
    }
}
