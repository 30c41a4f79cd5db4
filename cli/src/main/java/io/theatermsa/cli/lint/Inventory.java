package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.ServiceCatalog;
import io.theatermsa.mesh.config.Text;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Services and workloads mesh config is checked against: those found in the linted input and
 * {@code --workloads}, or {@link KnownTopology} when none were given.
 *
 * @param origin where they came from, shown to the user
 */
public record Inventory(List<ServiceDefinition> services, List<Workload> workloads, Text origin)
        implements ServiceCatalog {

    public Inventory {
        services = List.copyOf(services);
        workloads = List.copyOf(workloads);
    }

    @Override
    public boolean serves(HostName host) {
        return service(host).isPresent();
    }

    public Optional<ServiceDefinition> service(HostName host) {
        return services.stream().filter(s -> s.host().equals(host)).findFirst();
    }

    /** The workloads of {@code service} whose endpoints also carry every label of {@code subsetLabels}. */
    public List<Workload> endpoints(ServiceDefinition service, Map<String, String> subsetLabels) {
        if (service.selector().isEmpty()) {
            return List.of();
        }
        return workloads.stream()
                .filter(w -> w.namespace().equals(service.namespace()) && w.replicas() > 0)
                .filter(w -> w.matches(service.selector()) && w.matches(subsetLabels))
                .toList();
    }

    /** Every cluster some workload runs in: the places a caller can stand. */
    public SortedSet<String> clusters() {
        return workloads.stream().map(Workload::cluster).collect(Collectors.toCollection(TreeSet::new));
    }
}
