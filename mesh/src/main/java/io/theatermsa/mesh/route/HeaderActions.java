package io.theatermsa.mesh.route;

import io.theatermsa.mesh.config.HeaderOperations;

/**
 * The compiled {@code headers:} block of a route or of one destination: the request and the response mutation
 * (mesh-semantics §1.10).
 */
public record HeaderActions(HeaderMutation request, HeaderMutation response) {

    public static final HeaderActions NONE = new HeaderActions(HeaderMutation.NONE, HeaderMutation.NONE);

    static HeaderActions compile(HeaderOperations headers) {
        if (headers == null || headers.equals(HeaderOperations.NONE)) {
            return NONE;
        }
        return new HeaderActions(HeaderMutation.compile(headers.request()),
                                 HeaderMutation.compile(headers.response()));
    }
}
