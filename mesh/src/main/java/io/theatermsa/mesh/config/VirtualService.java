package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A VirtualService ({@code networking.istio.io} v1, v1beta1 or v1alpha3) as written.
 *
 * @param gateways {@code spec.gateways}; empty means {@code mesh} (all sidecars)
 * @param rawSpec  the {@code spec} exactly as the user wrote it (see {@link #rawSpec()})
 */
public record VirtualService(ObjectMeta meta, List<String> hosts, List<String> gateways, List<String> exportTo,
                             List<HttpRoute> http, JsonNode rawSpec) {

    /** The reserved gateway name meaning "every sidecar". */
    public static final String MESH_GATEWAY = "mesh";

    public VirtualService {
        hosts = List.copyOf(hosts);
        gateways = List.copyOf(gateways);
        exportTo = List.copyOf(exportTo);
        http = List.copyOf(http);
        rawSpec = RawSpec.copyOf(rawSpec);
    }

    /** A VirtualService built without YAML: its raw spec is an empty object. */
    public VirtualService(ObjectMeta meta, List<String> hosts, List<String> gateways, List<String> exportTo,
                          List<HttpRoute> http) {
        this(meta, hosts, gateways, exportTo, http, null);
    }

    /**
     * The {@code spec} as written (field order, unknown fields and all), for showing the user exactly what they
     * applied rather than the decoded model. A copy: changing it changes nothing here.
     */
    @Override
    public JsonNode rawSpec() {
        return rawSpec.deepCopy();
    }

    /** True when the VirtualService applies to sidecars: no {@code gateways}, or a list naming {@code mesh}. */
    public boolean appliesToSidecars() {
        return gateways.isEmpty() || gateways.contains(MESH_GATEWAY);
    }

    /** Whether an object in {@code namespace} sees this VirtualService, as Kiali reads {@code exportTo}. */
    public boolean isVisibleFrom(String namespace) {
        return ExportTo.isVisible(exportTo, meta.namespace(), namespace);
    }
}
