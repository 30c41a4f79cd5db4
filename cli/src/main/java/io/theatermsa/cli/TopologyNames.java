package io.theatermsa.cli;

import io.theatermsa.platform.topology.Topology;
import io.theatermsa.platform.topology.Workload;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The check every command runs on the service and cluster names its options take, against the topology, before it
 * sends anything: a typo ({@code user-servce}, {@code ctx3}, {@code Movie-Service}) is refused at once with the names
 * that exist, instead of aiming at nothing and leaving a student to wait for an effect that never comes. Problems are
 * collected (every bad option is named, not only the first) and printed together, as a usage error
 * ({@link ExitCodes#USAGE}).
 */
final class TopologyNames {

    /** Which services an option may name. */
    enum Services {
        /**
         * The services that obey service-level faults: those the gateway forwards to. Each of them is built with
         * {@code ServiceServer.Builder.store(redis)}, which watches the fault channel; the api-gateway is built
         * without a fault board (it serves the dashboard and the very APIs that clear faults) and the store is no
         * server of ours, so a fault aimed at either would be stored and listed yet never act.
         */
        FAULTABLE,
        /** The workloads that run pods on a local stack: the api-gateway and the services. */
        WITH_PODS
    }

    private final Topology topology;
    private final List<String> problems = new ArrayList<>();

    private TopologyNames(Topology topology) {
        this.topology = topology;
    }

    /** A new check against {@code topology}, with no problem yet. */
    static TopologyNames in(Topology topology) {
        return new TopologyNames(topology);
    }

    /** Checks {@code name}, given to {@code option}, among {@code among}; a name not given (null) passes. */
    TopologyNames service(String option, String name, Services among) {
        if (name == null) {
            return this;
        }
        List<String> valid = services(among);
        if (valid.contains(name)) {
            return this;
        }
        if (among == Services.FAULTABLE && topology.find(name).isPresent()) {
            problems.add("오류: " + option + " " + name + ": 이 워크로드에는 장애를 주입할 수 없습니다 (서비스 장애는 "
                         + "게이트웨이가 전달하는 서비스만 따릅니다). 장애를 주입할 수 있는 서비스: " + String.join(", ", valid)
                         + " / error: " + option + " " + name + ": this workload cannot be faulted (service faults act "
                         + "only on the services the gateway forwards to); the services that can: "
                         + String.join(", ", valid));
            return this;
        }
        problems.add(unknown(option, name, "서비스", "service", valid));
        return this;
    }

    /** Checks {@code name}, given to {@code option}, among the topology's clusters; null passes. */
    TopologyNames cluster(String option, String name) {
        if (name != null && !topology.clusterNames().contains(name)) {
            problems.add(unknown(option, name, "클러스터", "cluster", topology.clusterNames()));
        }
        return this;
    }

    /**
     * Checks the {@code --service} and {@code --cluster} pair most commands take: each name, and that the service runs
     * in that cluster.
     */
    TopologyNames serviceInCluster(String service, Services among, String cluster) {
        return service("--service", service, among).cluster("--cluster", cluster).runsIn(service, cluster);
    }

    /**
     * Checks that {@code service} runs pods in {@code cluster} when both are known names (an unknown one is
     * {@link #service}'s and {@link #cluster}'s to report): the api-gateway in a cluster it does not run in selects
     * nothing.
     */
    TopologyNames runsIn(String service, String cluster) {
        if (service == null || cluster == null || !topology.clusterNames().contains(cluster)) {
            return this;
        }
        topology.find(service).filter(w -> !w.clusters().contains(cluster)).ifPresent(w -> problems.add(
                "오류: " + service + " 은(는) " + cluster + " 에서 실행되지 않습니다 (실행 클러스터: "
                + String.join(", ", w.clusters()) + ") / error: " + service + " runs no pod in " + cluster
                + " (it runs in " + String.join(", ", w.clusters()) + ")"));
        return this;
    }

    /** Every problem found, each a whole bilingual line; empty when every name is known. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Prints each problem to {@code err}; true when there was one, so the command exits {@link ExitCodes#USAGE}. */
    boolean refused(PrintWriter err) {
        problems.forEach(err::println);
        err.flush();
        return !problems.isEmpty();
    }

    private List<String> services(Services among) {
        Stream<Workload> workloads = switch (among) {
            case FAULTABLE -> topology.services().stream();
            case WITH_PODS -> Stream.concat(Stream.of(topology.gateway()), topology.services().stream());
        };
        return workloads.map(Workload::name).toList();
    }

    private static String unknown(String option, String name, String kindKo, String kindEn, List<String> valid) {
        String names = String.join(", ", valid);
        Optional<String> near = near(name, valid);
        return "오류: " + option + " " + name + ": 없는 " + kindKo + "입니다. 가능한 값: " + names
               + near.map(n -> " (혹시 " + n + "?)").orElse("")
               + " / error: " + option + " " + name + ": no such " + kindEn + "; must be one of: " + names
               + near.map(n -> " (did you mean " + n + "?)").orElse("");
    }

    /** The one valid name {@code name} is a different-case spelling or a prefix of ({@code movie}), if there is one. */
    private static Optional<String> near(String name, List<String> valid) {
        String lower = name.toLowerCase(Locale.ROOT);
        List<String> candidates = valid.stream()
                .filter(v -> !lower.isEmpty() && (v.equalsIgnoreCase(name) || v.startsWith(lower))).toList();
        return candidates.size() == 1 ? Optional.of(candidates.getFirst()) : Optional.empty();
    }
}
