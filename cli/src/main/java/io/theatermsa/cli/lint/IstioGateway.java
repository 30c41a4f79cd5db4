package io.theatermsa.cli.lint;

import java.util.Locale;

/**
 * An Istio {@code Gateway} object ({@code networking.istio.io}): what a VirtualService names in {@code gateways}.
 */
public record IstioGateway(String namespace, String name) {

    private static final String IDENTITY_DOMAIN = "svc.cluster.local";

    /**
     * Whether {@code reference}, written in {@code gateways} of a VirtualService in {@code namespace}, names this
     * Gateway as Kiali reads a reference (istio-validation.md E.3.2): {@code name.ns} or {@code name.ns.svc.cluster.local}
     * when it has a dot (that form wins over a slash), {@code ns/name}, or a bare {@code name} in the VirtualService's
     * namespace.
     */
    boolean isNamedBy(String reference, String namespace) {
        String ref = reference.toLowerCase(Locale.ROOT);
        if (ref.contains(".")) {
            String[] parts = ref.split("\\.", 3);
            return parts[0].equals(name) && parts[1].equals(this.namespace)
                   && (parts.length == 2 || parts[2].equals(IDENTITY_DOMAIN));
        }
        int slash = ref.indexOf('/');
        return slash < 0 ? ref.equals(name) && namespace.equals(this.namespace)
                : ref.substring(slash + 1).equals(name) && ref.substring(0, slash).equals(this.namespace);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
