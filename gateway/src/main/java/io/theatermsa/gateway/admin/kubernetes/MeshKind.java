package io.theatermsa.gateway.admin.kubernetes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Istio kinds the gateway reads and writes, {@code networking.istio.io/v1}. They are handled as generic
 * resources: the spec stays exactly as the cluster holds it, and the mesh library's loader gives it meaning.
 */
enum MeshKind {
    VIRTUAL_SERVICE("VirtualService", "virtualservices"),
    DESTINATION_RULE("DestinationRule", "destinationrules");

    static final String GROUP = "networking.istio.io";
    static final String VERSION = "v1";

    private final String kind;
    private final ResourceDefinitionContext context;

    MeshKind(String kind, String plural) {
        this.kind = kind;
        this.context = new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(VERSION)
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    static Optional<MeshKind> of(String kind) {
        return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
    }

    String kind() {
        return kind;
    }

    /** Group, version, plural and scope, so the client needs no API discovery. */
    ResourceDefinitionContext context() {
        return context;
    }
}
