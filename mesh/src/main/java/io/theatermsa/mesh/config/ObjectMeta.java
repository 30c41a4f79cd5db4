package io.theatermsa.mesh.config;

import java.time.Instant;
import java.util.Comparator;

/**
 * Where a mesh object came from and what it is called.
 *
 * @param kind              {@code VirtualService} or {@code DestinationRule}
 * @param name              {@code metadata.name}
 * @param namespace         {@code metadata.namespace}, a kustomization's, or the loader's namespace when absent
 * @param creationTimestamp {@code metadata.creationTimestamp}, or {@code null} when absent (files never carry one)
 * @param file              the file it was read from, or the source name given with text
 */
public record ObjectMeta(String kind, String name, String namespace, Instant creationTimestamp, String file) {

    /**
     * Istio's precedence among objects of one kind: oldest {@code creationTimestamp} first (absent counts as
     * oldest), then name, then namespace (mesh-semantics §4.4).
     */
    public static final Comparator<ObjectMeta> ISTIO_ORDER = Comparator
            .comparing((ObjectMeta m) -> m.creationTimestamp() == null ? Instant.MIN : m.creationTimestamp())
            .thenComparing(ObjectMeta::name)
            .thenComparing(ObjectMeta::namespace);

    /** {@code Kind namespace/name}, the way diagnostics name an object. */
    public String resource() {
        return kind + " " + key();
    }

    /** {@code namespace/name}. */
    public String key() {
        return namespace + "/" + name;
    }
}
