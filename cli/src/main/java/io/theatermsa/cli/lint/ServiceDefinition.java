package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.HostName;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes Service: the name a host resolves to, the pods it selects and the namespaces it is exported to.
 *
 * @param selector {@code spec.selector}; empty selects no pods (a Service with manual endpoints)
 * @param exportTo its {@code networking.istio.io/exportTo} annotation, split on commas; empty: exported to every
 *                 namespace (no annotation, and the mesh sets no {@code defaultServiceExportTo} here)
 */
public record ServiceDefinition(String name, String namespace, Map<String, String> selector, List<String> exportTo) {

    /** The annotation a Service is exported with (istio-validation.md E.1.3). */
    public static final String EXPORT_TO_ANNOTATION = "networking.istio.io/exportTo";

    public ServiceDefinition {
        selector = Map.copyOf(selector);
        exportTo = List.copyOf(exportTo);
    }

    /** A Service exported to every namespace. */
    public ServiceDefinition(String name, String namespace, Map<String, String> selector) {
        this(name, namespace, selector, List.of());
    }

    /** The entries of an {@code exportTo} annotation value: comma-separated, trimmed, empty ones dropped. */
    static List<String> exportTo(String annotation) {
        return Arrays.stream(annotation.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public HostName host() {
        return new HostName(name, namespace);
    }

    /**
     * Whether objects in {@code viewer} see this Service, as Istio's visibility rules read {@code exportTo}: every
     * namespace when it is empty or has {@code *}, this one for {@code .}, none for {@code ~}, else those named.
     */
    public boolean isExportedTo(String viewer) {
        return exportTo.isEmpty() || exportTo.stream().anyMatch(e -> e.equals("*") || e.equals(viewer)
                                                                    || e.equals(".") && namespace.equals(viewer));
    }
}
