package io.theatermsa.mesh.config;

import java.util.List;

/**
 * A VirtualService ({@code networking.istio.io} v1, v1beta1 or v1alpha3) as written.
 *
 * @param gateways {@code spec.gateways}; empty means {@code mesh} (all sidecars)
 */
public record VirtualService(ObjectMeta meta, List<String> hosts, List<String> gateways, List<String> exportTo,
                             List<HttpRoute> http) {

    /** The reserved gateway name meaning "every sidecar". */
    public static final String MESH_GATEWAY = "mesh";

    public VirtualService {
        hosts = List.copyOf(hosts);
        gateways = List.copyOf(gateways);
        exportTo = List.copyOf(exportTo);
        http = List.copyOf(http);
    }

    /** True when the VirtualService applies to sidecars: no {@code gateways}, or a list naming {@code mesh}. */
    public boolean appliesToSidecars() {
        return gateways.isEmpty() || gateways.contains(MESH_GATEWAY);
    }
}
