package io.theatermsa.platform.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the cinema runs, described once ({@code topology.yaml} beside this class) and read by every module instead
 * of literals: the namespace, the clusters, the gateway, the services it forwards to and the store, each with its
 * port and pods per cluster.
 *
 * @param namespace the Kubernetes namespace of every workload
 * @param clusters  the clusters, in order
 * @param gateway   the api-gateway
 * @param services  the services the gateway forwards to, in the order they are listed
 * @param store     the Redis every service shares
 */
public record Topology(String namespace, List<Cluster> clusters, Workload gateway, List<Workload> services,
                       Workload store) {

    /** Names a topology file to read instead of the bundled one. */
    public static final String OVERRIDE_VARIABLE = "THEATER_TOPOLOGY";

    private static final String BUNDLED = "topology.yaml";

    public Topology {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(store, "store");
        clusters = List.copyOf(clusters);
        services = List.copyOf(services);
        if (clusters.isEmpty()) {
            throw new IllegalArgumentException("a topology needs at least one cluster");
        }
        Set<String> clusterNames = new HashSet<>();
        clusters.forEach(c -> require(clusterNames.add(c.name()), "cluster " + c.name() + " is listed twice"));
        Set<String> workloadNames = new HashSet<>();
        Stream.concat(Stream.of(gateway, store), services.stream()).forEach(w -> {
            require(workloadNames.add(w.name()), "workload " + w.name() + " is listed twice");
            w.pods().keySet().forEach(c -> require(clusterNames.contains(c),
                    w.name() + ": pods in " + c + ", which is not a cluster of " + clusterNames));
        });
        require(!gateway.clusters().isEmpty(), "the gateway runs in no cluster");
    }

    /** The topology shipped with the project. */
    public static Topology bundled() {
        try (InputStream in = Topology.class.getResourceAsStream(BUNDLED)) {
            return TopologyYaml.parse(Objects.requireNonNull(in, BUNDLED + " is missing beside " + Topology.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + BUNDLED, e);
        }
    }

    /** The topology in {@code file}, a YAML file of the bundled one's shape. */
    public static Topology read(Path file) {
        try {
            return TopologyYaml.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the topology " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file {@value #OVERRIDE_VARIABLE} names, else the bundled topology. */
    public static Topology fromEnvironment(Map<String, String> env) {
        String file = env.getOrDefault(OVERRIDE_VARIABLE, "").strip();
        return file.isEmpty() ? bundled() : read(Path.of(file));
    }

    public List<String> clusterNames() {
        return clusters.stream().map(Cluster::name).toList();
    }

    /** The cluster the gateway runs in (the first, should it run in several). */
    public String gatewayCluster() {
        return gateway.clusters().getFirst();
    }

    /** Every workload: the gateway, the services in order, the store. */
    public List<Workload> workloads() {
        return Stream.concat(Stream.concat(Stream.of(gateway), services.stream()), Stream.of(store)).toList();
    }

    /** The workload serving {@code name} ({@code user-service}), if the topology has one. */
    public Optional<Workload> find(String name) {
        return workloads().stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /** @throws IllegalArgumentException when the topology has no workload {@code name} */
    public Workload workload(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "no workload " + name + " in the topology: " + workloads().stream().map(Workload::name).toList()));
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("topology: " + problem);
        }
    }
}
