package io.theatermsa.mesh.config;

import java.util.Locale;

/**
 * A service host, normalised so that {@code user-service}, {@code user-service.theater-msa} and
 * {@code user-service.theater-msa.svc.cluster.local} are one host. Short names resolve against the namespace
 * of whoever wrote them (the VirtualService's or DestinationRule's namespace, mesh-semantics §4.5, or the
 * caller's for a request). A host that is not a cluster service ({@code api.example.com}) keeps its text
 * and has an empty namespace.
 *
 * @param service   the Service name, e.g. {@code user-service}, or the whole host for an external one
 * @param namespace the Service's namespace, empty for an external host
 */
public record HostName(String service, String namespace) {

    private static final String CLUSTER_SUFFIX = ".svc.cluster.local";

    /** Resolves {@code host} as written in config or a request, relative to {@code namespace}. */
    public static HostName of(String host, String namespace) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(CLUSTER_SUFFIX)) {
            h = h.substring(0, h.length() - CLUSTER_SUFFIX.length());
        } else if (h.endsWith(".svc")) {
            h = h.substring(0, h.length() - ".svc".length());
        } else if (h.chars().filter(c -> c == '.').count() > 1) {
            return new HostName(h, "");
        }
        int dot = h.indexOf('.');
        return dot < 0 ? new HostName(h, namespace) : new HostName(h.substring(0, dot), h.substring(dot + 1));
    }

    /** Resolves an HTTP authority ({@code user-service:8081}), ignoring its port. */
    public static HostName ofAuthority(String authority, String namespace) {
        int colon = authority.lastIndexOf(':');
        return of(colon < 0 ? authority : authority.substring(0, colon), namespace);
    }

    /** The fully qualified name Envoy uses in cluster names, e.g. {@code user-service.theater-msa.svc.cluster.local}. */
    public String fqdn() {
        return namespace.isEmpty() ? service : service + "." + namespace + CLUSTER_SUFFIX;
    }

    @Override
    public String toString() {
        return fqdn();
    }
}
