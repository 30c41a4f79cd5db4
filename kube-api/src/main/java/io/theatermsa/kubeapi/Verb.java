package io.theatermsa.kubeapi;

import java.util.Locale;
import java.util.Optional;

/** The Kubernetes verbs this server carries out, as RBAC and discovery name them. */
enum Verb {
    GET, LIST, WATCH, CREATE, UPDATE, PATCH, DELETE;

    /** {@code get}, {@code list}, ...: the name in discovery's verb lists and in Forbidden messages. */
    String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean reads() {
        return this == GET || this == LIST || this == WATCH;
    }

    /** The verb an HTTP method means on an object or on a collection; empty when it means none. */
    static Optional<Verb> of(String method, boolean collection, boolean watch) {
        return Optional.ofNullable(switch (method) {
            case "GET" -> collection ? (watch ? WATCH : LIST) : GET;
            case "POST" -> collection ? CREATE : null;
            case "PUT" -> collection ? null : UPDATE;
            case "PATCH" -> collection ? null : PATCH;
            case "DELETE" -> collection ? null : DELETE;
            default -> null;
        });
    }
}
