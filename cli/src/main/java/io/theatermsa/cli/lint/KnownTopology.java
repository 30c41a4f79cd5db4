package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.Text;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The course's topology, used when the linted input has no Services or Deployments: user, movie and booking in
 * ctx1 and ctx2, the api-gateway in ctx1, Redis in ctx2 (a Redis Service in both), one pod each, pod labels
 * {@code app} and {@code cluster} (the rendered {@code k8s/clusters/*} overlays).
 */
public final class KnownTopology {

    private static final List<String> CINEMA = List.of("user-service", "movie-service", "booking-service");

    private KnownTopology() {
    }

    public static Inventory inventory() {
        List<ServiceDefinition> services = Stream.concat(CINEMA.stream(), Stream.of("api-gateway", "redis"))
                .map(name -> new ServiceDefinition(name, HostName.DEFAULT_NAMESPACE, Map.of("app", name)))
                .toList();
        Stream<Workload> cinema = CINEMA.stream()
                .flatMap(app -> Stream.of("ctx1", "ctx2").map(cluster -> pod(app, cluster)));
        List<Workload> workloads = Stream.concat(cinema, Stream.of(pod("api-gateway", "ctx1"), pod("redis", "ctx2")))
                .toList();
        return new Inventory(services, workloads, new Text(
                "알려진 토폴로지 (user, movie, booking: ctx1·ctx2 / api-gateway: ctx1 / redis: ctx2, 각 파드 1개)",
                "known topology (user, movie, booking in ctx1 and ctx2, api-gateway in ctx1, redis in ctx2, one pod each)"));
    }

    private static Workload pod(String app, String cluster) {
        return Workload.of(app + "-" + cluster, HostName.DEFAULT_NAMESPACE, Map.of("app", app, "cluster", cluster), 1);
    }
}
