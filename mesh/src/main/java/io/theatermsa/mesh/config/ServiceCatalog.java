package io.theatermsa.mesh.config;

import java.util.Map;

/**
 * Which hosts some workload serves, for the "host nothing serves" findings (KIA1101, KIA0202). The local endpoint
 * registry is one; a loader without a catalogue skips those checks.
 */
@FunctionalInterface
public interface ServiceCatalog {

    /** Whether a Service or ServiceEntry has {@code host}, whoever asks. */
    boolean serves(HostName host);

    /**
     * Whether {@code host} is served for an object in {@code namespace}, as Kiali decides it (istio-validation.md
     * E.1.3): a ServiceEntry covers it, or a Service has it and is exported to that namespace. A catalogue that
     * knows no Service's {@code exportTo} answers {@link #serves}.
     */
    default boolean servesFor(HostName host, String namespace) {
        return serves(host);
    }

    /**
     * Kiali's other way for a DestinationRule host to count as served (KIA0202, E.2.2): a workload in
     * {@code namespace} whose app label is {@code app}. A catalogue that knows no workload labels answers false.
     */
    default boolean runsApp(String namespace, String app) {
        return false;
    }

    /**
     * The label selector of each Service of {@code namespace}, by Service name: which workloads a DestinationRule for
     * that Service reaches (Kiali's workload mTLS status, KIA0105). A catalogue that knows no selectors answers none.
     */
    default Map<String, Map<String, String>> selectors(String namespace) {
        return Map.of();
    }
}
