package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Text;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How many hosts one Envoy cluster has from a caller's cluster in the course's multi-network view
 * (mesh-semantics §6.11): the caller's own cluster's pods one by one, each other cluster's pods as ONE host (its
 * east-west gateway).
 *
 * @param caller         the caller's cluster
 * @param localPods      pods in the caller's cluster
 * @param remoteClusters other clusters with pods, one host each
 */
public record HostView(String caller, int localPods, int remoteClusters) {

    public int hosts() {
        return localPods + remoteClusters;
    }

    /** The view with the fewest hosts over every caller cluster, or empty when {@code endpoints} has no pods. */
    public static Optional<HostView> smallest(List<Workload> endpoints, Set<String> callers) {
        return callers.stream().map(caller -> of(endpoints, caller))
                .filter(v -> v.hosts() > 0)
                .min(Comparator.comparingInt(HostView::hosts).thenComparing(HostView::caller));
    }

    static HostView of(List<Workload> endpoints, String caller) {
        int local = endpoints.stream().filter(w -> w.cluster().equals(caller)).mapToInt(Workload::replicas).sum();
        int remote = (int) endpoints.stream().map(Workload::cluster).filter(c -> !c.equals(caller)).distinct().count();
        return new HostView(caller, local, remote);
    }

    /** E.g. "seen from ctx1: 1 host (0 local pods + ctx2 behind its east-west gateway = 1 host)". */
    public Text describe() {
        String where = caller.isEmpty() ? "" : caller;
        String ko = where + " 에서 보면 호스트 " + hosts() + "개 (로컬 파드 " + localPods
                + (remoteClusters > 0 ? ", 다른 클러스터 " + remoteClusters + "개는 east-west 게이트웨이 하나씩" : "") + ")";
        String en = "seen from " + where + ": " + hosts() + " host(s) (" + localPods + " local pod(s)"
                + (remoteClusters > 0 ? ", " + remoteClusters + " other cluster(s), one east-west gateway host each" : "")
                + ")";
        return new Text(ko, en);
    }
}
