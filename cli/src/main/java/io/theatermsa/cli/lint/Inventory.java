package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.ServiceCatalog;
import io.theatermsa.mesh.config.Text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Services, ServiceEntry hosts, workloads, Istio Gateways and namespaces mesh config is checked against: those
 * found in the linted input and {@code --workloads}, or {@link KnownTopology} when none were given.
 *
 * @param serviceEntryHosts every {@code spec.hosts} entry of the ServiceEntries found
 * @param gateways          the Istio Gateways VirtualServices may name
 * @param origin            where they came from, shown to the user
 * @param namespaceObjects  the names of the Namespace objects found; {@link #namespaces()} adds those the other
 *                          objects are in
 * @param cluster           the cluster the checked objects are applied to, whose workloads' ServiceAccounts are
 *                          local (Kiali's KIA0106/KIA0107); empty when not known, and then every cluster's are local
 */
public record Inventory(List<ServiceDefinition> services, List<Workload> workloads, List<String> serviceEntryHosts,
                        List<IstioGateway> gateways, Text origin, List<String> namespaceObjects, String cluster)
        implements ServiceCatalog {

    /** The trust domain of the course's meshes, the identity domain {@code svc.cluster.local} without {@code svc.}. */
    public static final String TRUST_DOMAIN = "cluster.local";

    /** The labels Kiali reads a workload's app name from, in its order of preference. */
    private static final List<String> APP_LABELS = List.of("service.istio.io/canonical-name", "app.kubernetes.io/name",
                                                           "app");

    public Inventory {
        services = List.copyOf(services);
        workloads = List.copyOf(workloads);
        serviceEntryHosts = List.copyOf(serviceEntryHosts);
        gateways = List.copyOf(gateways);
        namespaceObjects = List.copyOf(namespaceObjects);
    }

    /** An inventory without Namespace objects, seen from no particular cluster. */
    public Inventory(List<ServiceDefinition> services, List<Workload> workloads, List<String> serviceEntryHosts,
                     List<IstioGateway> gateways, Text origin) {
        this(services, workloads, serviceEntryHosts, gateways, origin, List.of(), "");
    }

    /** An inventory without ServiceEntries or Gateways. */
    public Inventory(List<ServiceDefinition> services, List<Workload> workloads, Text origin) {
        this(services, workloads, List.of(), List.of(), origin);
    }

    /**
     * True when a Service has the host, or a ServiceEntry host covers it as Kiali matches them (istio-validation.md
     * E.1.4): the part after the SE host's {@code *} ends the host, so {@code example.com} also covers
     * {@code api.example.com}.
     */
    @Override
    public boolean serves(HostName host) {
        return service(host).isPresent() || serviceEntryHosts.stream().anyMatch(se -> covers(se, host));
    }

    /**
     * As {@link #serves}, with a Service counted only when it is exported to {@code namespace} (its
     * {@code networking.istio.io/exportTo} annotation, istio-validation.md E.1.3).
     */
    @Override
    public boolean servesFor(HostName host, String namespace) {
        return service(host).filter(s -> s.isExportedTo(namespace)).isPresent()
               || serviceEntryHosts.stream().anyMatch(se -> covers(se, host));
    }

    /**
     * Whether a workload in {@code namespace} has the app label {@code app}, the label read as Kiali reads it by
     * default: the first of {@code service.istio.io/canonical-name}, {@code app.kubernetes.io/name} and
     * {@code app} the workload carries (istio-validation.md E.2.2).
     */
    @Override
    public boolean runsApp(String namespace, String app) {
        return workloads.stream().filter(w -> w.namespace().equals(namespace))
                .anyMatch(w -> APP_LABELS.stream().filter(w.labels()::containsKey).findFirst()
                        .map(label -> app.equals(w.labels().get(label))).orElse(false));
    }

    private static boolean covers(String serviceEntryHost, HostName host) {
        String suffix = serviceEntryHost.substring(serviceEntryHost.indexOf('*') + 1).toLowerCase(Locale.ROOT);
        String shortForm = host.namespace().isEmpty() ? host.service() : host.service() + "." + host.namespace();
        return !suffix.isEmpty() && (host.fqdn().endsWith(suffix) || shortForm.endsWith(suffix));
    }

    /** Whether {@code reference}, in {@code gateways} of a VirtualService in {@code namespace}, names a Gateway here. */
    public boolean hasGateway(String reference, String namespace) {
        return gateways.stream().anyMatch(g -> g.isNamedBy(reference, namespace));
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

    /** This inventory with the objects checked applied to {@code cluster} ({@code theater lint --cluster}). */
    public Inventory inCluster(String cluster) {
        return new Inventory(services, workloads, serviceEntryHosts, gateways, origin, namespaceObjects, cluster);
    }

    /** Every namespace known: of the Namespace objects, and those the Services, workloads and Gateways are in. */
    public SortedSet<String> namespaces() {
        SortedSet<String> out = new TreeSet<>(namespaceObjects);
        services.forEach(s -> out.add(s.namespace()));
        workloads.forEach(w -> out.add(w.namespace()));
        gateways.forEach(g -> out.add(g.namespace()));
        return out;
    }

    @Override
    public Map<String, Map<String, String>> selectors(String namespace) {
        return services.stream().filter(s -> s.namespace().equals(namespace))
                .collect(Collectors.toMap(ServiceDefinition::name, ServiceDefinition::selector, (a, b) -> a,
                                          LinkedHashMap::new));
    }

    /**
     * The identities ({@code cluster.local/ns/<ns>/sa/<name>}) of the ServiceAccounts some pod runs as, as Kiali
     * collects them: {@code local} for the workloads of {@link #cluster()} (and those of no known cluster), else for
     * the workloads of the other clusters.
     */
    public Set<String> principals(boolean local) {
        return workloads.stream().filter(w -> w.replicas() > 0)
                .filter(w -> local == (cluster.isEmpty() || w.cluster().isEmpty() || w.cluster().equals(cluster)))
                .map(w -> TRUST_DOMAIN + "/ns/" + w.namespace() + "/sa/" + w.serviceAccount())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every cluster some workload runs in: the places a caller can stand. */
    public SortedSet<String> clusters() {
        return workloads.stream().map(Workload::cluster).collect(Collectors.toCollection(TreeSet::new));
    }
}
