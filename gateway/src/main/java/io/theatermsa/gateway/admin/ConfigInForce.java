package io.theatermsa.gateway.admin;

import io.theatermsa.mesh.cluster.NetworkView;
import io.theatermsa.mesh.cluster.ServiceEndpoints;
import io.theatermsa.mesh.config.DestinationRule;
import io.theatermsa.mesh.config.LoadedConfig;
import io.theatermsa.mesh.config.VirtualService;

import java.util.List;

/**
 * The mesh configuration in force, as {@code GET /api/mesh/config} shows it.
 *
 * @param generation       increases by one with every applied configuration
 * @param source           where it was loaded from (the scenario directory or file)
 * @param virtualServices  the VirtualServices as loaded
 * @param destinationRules the DestinationRules as loaded
 * @param diagnostics      every finding of the configuration (no errors: a configuration with one is never in force)
 * @param network          the services and their endpoints, per cluster
 */
public record ConfigInForce(long generation, String source, List<VirtualService> virtualServices,
                            List<DestinationRule> destinationRules, List<Finding> diagnostics, Network network) {

    public ConfigInForce {
        virtualServices = List.copyOf(virtualServices);
        destinationRules = List.copyOf(destinationRules);
        diagnostics = List.copyOf(diagnostics);
    }

    /** The view of a loaded configuration, with the endpoints of {@code services}. */
    public static ConfigInForce of(long generation, String source, LoadedConfig config, Network network) {
        return new ConfigInForce(generation, source, config.virtualServices(), config.destinationRules(),
                                 Finding.all(config.diagnostics()), network);
    }

    /**
     * Where the mesh's endpoints are, and how a sidecar sees the other cluster's.
     *
     * @param view     {@code MULTI_NETWORK} (the other cluster's pods behind its east-west gateway, as one host) or
     *                 {@code FLAT} (every pod its own host), mesh-semantics §6.11
     * @param services the services, each with its port and its pods (labelled with their cluster)
     */
    public record Network(NetworkView view, List<ServiceEndpoints> services) {

        public Network {
            services = List.copyOf(services);
        }
    }
}
