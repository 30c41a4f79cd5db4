package io.theatermsa.gateway.admin.kubernetes;

import io.theatermsa.gateway.admin.PodStatus;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.cluster.ServiceEndpoints;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The cinema's pods in both clusters: this one through an informer, the other through a read-only kubeconfig when
 * one is mounted, else the pods seen answering proxied requests ({@link AnsweringPods}).
 */
final class ClusterPods implements AutoCloseable {

    private final PodWatch local;
    private final Optional<PodWatch> remote;
    private final String remoteCluster;
    private final AnsweringPods answering;

    ClusterPods(PodWatch local, Optional<PodWatch> remote, String remoteCluster, AnsweringPods answering) {
        this.local = local;
        this.remote = remote;
        this.remoteCluster = remoteCluster;
        this.answering = answering;
    }

    boolean synced() {
        return local.synced() && remote.map(PodWatch::synced).orElse(true);
    }

    /** Ordered by service, cluster and pod. */
    List<PodStatus> pods() {
        List<PodStatus> other = remote.map(PodWatch::pods).orElseGet(() -> answering.in(remoteCluster));
        return Stream.concat(local.pods().stream(), other.stream())
                .sorted(Comparator.comparing(PodStatus::service).thenComparing(PodStatus::cluster)
                                  .thenComparing(PodStatus::pod))
                .toList();
    }

    /** The pods with an address, as mesh endpoints per service (those seen answering have none). */
    List<ServiceEndpoints> endpointsByService() {
        Map<String, List<Endpoint>> byService = Stream.concat(local.endpoints().stream(),
                        remote.map(PodWatch::endpoints).orElse(List.of()).stream())
                .collect(Collectors.groupingBy(Endpoint::service, TreeMap::new, Collectors.toList()));
        return byService.entrySet().stream()
                .map(e -> new ServiceEndpoints(e.getKey(), e.getValue().getFirst().port(), e.getValue())).toList();
    }

    @Override
    public void close() {
        local.close();
        remote.ifPresent(PodWatch::close);
    }
}
