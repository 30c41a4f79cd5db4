package io.theatermsa.cli.local;

import io.theatermsa.gateway.admin.local.LocalMesh;
import io.theatermsa.kubeapi.ClusterEvents;
import io.theatermsa.kubeapi.ObjectKey;
import io.theatermsa.mesh.Subscription;
import io.theatermsa.mesh.cluster.Endpoint;
import io.theatermsa.mesh.cluster.OutlierEvent;
import io.theatermsa.mesh.config.Diagnostic;
import io.theatermsa.mesh.sidecar.AccessLog;
import io.theatermsa.mesh.sidecar.AccessLogEntry;
import io.theatermsa.mesh.sidecar.ResponseFlag;
import io.theatermsa.mesh.workload.WorkloadIdentity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * What the emulated mesh does, told to each cluster's Kubernetes API as core/v1 Events, where {@code kubectl
 * describe} and {@code kubectl get events} show them:
 * <ul>
 *   <li>{@code OutlierEjected} (Warning) and {@code OutlierUnejected} (Normal) on a pod that a sidecar's outlier
 *       detection ejected or let back, in the pod's cluster (for an east-west gateway host, on each pod it stands
 *       for);</li>
 *   <li>{@code FaultInjected} on a VirtualService whose fault aborted (Warning) or delayed (Normal) requests, in the
 *       cluster whose sidecars followed it: counted per route and calling service, and reported at most once per
 *       {@code every}, so that {@code count} grows as kube's event series does and a load run makes no event per
 *       request;</li>
 *   <li>{@code ConfigurationRefused} (Warning) on each VirtualService or DestinationRule a refused scenario, edit or
 *       write named in an error, in each cluster that refused it.</li>
 * </ul>
 * Events are written on a thread of this reporter's, never on the request's or under the mesh's locks.
 */
final class MeshEventReporter implements AutoCloseable {

    private static final String GROUP = "networking.istio.io";
    private static final String SIDECAR = "istio-proxy";

    /** One series of injected faults: the same reason and message about one VirtualService in one cluster. */
    private record FaultSeries(String cluster, ObjectKey virtualService, ClusterEvents.Type type, String message) {
    }

    private final String namespace;
    private final Function<String, Optional<ClusterEvents>> events;
    private final ScheduledExecutorService writer;
    private final Map<FaultSeries, LongAdder> faults = new ConcurrentHashMap<>();
    private final List<Subscription> subscriptions;

    /**
     * Starts reporting what {@code mesh} does in {@code namespace}, to the events of each cluster
     * ({@code events.apply(cluster)}), faults at most once per {@code every}.
     */
    MeshEventReporter(LocalMesh mesh, String namespace, Function<String, Optional<ClusterEvents>> events,
                      Duration every) {
        this.namespace = namespace;
        this.events = events;
        this.writer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("mesh-events").factory());
        writer.scheduleWithFixedDelay(this::reportFaults, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        this.subscriptions = List.of(
                mesh.onOutlierEvent((observer, event) -> writer.execute(() -> outlier(observer, event))),
                mesh.accessLog().subscribe(this::countFault),
                mesh.onRefused(refusal -> writer.execute(() -> refused(refusal))));
    }

    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        writer.shutdownNow();
    }

    private void outlier(WorkloadIdentity observer, OutlierEvent event) {
        String gateway = event.host().isEastWestGateway() ? event.host().hostname() + " (이 파드를 대신하는 호스트 / "
                + "the host standing for this pod): " : "";
        String message = switch (event.action()) {
            case EJECT -> gateway + observer.pod() + " 사이드카가 연속 " + event.threshold() + "회 " + errors(event.type())
                    + " 뒤 축출 / ejected by " + observer.pod() + "'s sidecar after " + event.threshold()
                    + " consecutive " + errors(event.type()) + " (" + event.envoyCluster() + ")";
            case UNEJECT -> gateway + observer.pod() + " 사이드카의 축출 시간이 끝나 복귀 / back in " + observer.pod()
                    + "'s load balancing after its ejection time (" + event.envoyCluster() + ")";
        };
        ClusterEvents.Type type = event.action() == OutlierEvent.Action.EJECT ? ClusterEvents.Type.WARNING
                                                                                : ClusterEvents.Type.NORMAL;
        String reason = event.action() == OutlierEvent.Action.EJECT ? "OutlierEjected" : "OutlierUnejected";
        for (Endpoint pod : event.host().endpoints()) {
            events.apply(pod.cluster()).ifPresent(recorder -> recorder.record(
                    new ObjectKey("", "pods", namespace, pod.pod()), type, reason, message, SIDECAR));
        }
    }

    private static String errors(OutlierEvent.Detection detection) {
        return switch (detection) {
            case CONSECUTIVE_5XX -> "5xx";
            case CONSECUTIVE_GATEWAY_FAILURE -> "gateway errors (502/503/504)";
            case CONSECUTIVE_LOCAL_ORIGIN_FAILURE -> "local-origin failures";
        };
    }

    /** Runs on the request's thread: only counts. */
    private void countFault(AccessLog.Numbered numbered) {
        AccessLogEntry entry = numbered.entry();
        boolean aborted = entry.flags().contains(ResponseFlag.FAULT_INJECTED);
        if (entry.mirror() || entry.virtualService().isEmpty()
                || !(aborted || entry.flags().contains(ResponseFlag.DELAY_INJECTED))) {
            return;
        }
        int slash = entry.virtualService().indexOf('/');
        ObjectKey vs = new ObjectKey(GROUP, "virtualservices", entry.virtualService().substring(0, slash),
                                     entry.virtualService().substring(slash + 1));
        String route = entry.route().isEmpty() ? "" : "route \"" + entry.route() + "\": ";
        String from = entry.source().service();
        String message = aborted
                ? route + from + " 의 요청에 HTTP " + entry.status() + " 중단 주입 / abort (HTTP " + entry.status()
                        + ") injected into requests from " + from
                : route + from + " 의 요청에 지연 주입 / delay injected into requests from " + from;
        faults.computeIfAbsent(new FaultSeries(entry.source().cluster(), vs, aborted ? ClusterEvents.Type.WARNING
                                                                                     : ClusterEvents.Type.NORMAL,
                                               message), series -> new LongAdder()).increment();
    }

    private void reportFaults() {
        faults.forEach((series, counter) -> {
            int times = (int) Math.min(Integer.MAX_VALUE, counter.sumThenReset());
            if (times > 0) {
                events.apply(series.cluster()).ifPresent(recorder -> recorder.record(series.virtualService(),
                        series.type(), "FaultInjected", series.message(), SIDECAR, times));
            }
        });
    }

    private void refused(LocalMesh.Refusal refusal) {
        events.apply(refusal.cluster()).ifPresent(recorder -> {
            for (Diagnostic error : refusal.errors()) {
                objectNamed(error.resource()).ifPresent(key -> recorder.record(key, ClusterEvents.Type.WARNING,
                        "ConfigurationRefused", "설정이 거부되어 이전 설정이 유지됩니다 / configuration refused, the previous"
                                + " one stays in force (" + refusal.source() + "): " + error.format(), "theater"));
            }
        });
    }

    /** The store key of {@code VirtualService ns/name} or {@code DestinationRule ns/name}. */
    private static Optional<ObjectKey> objectNamed(String resource) {
        String[] kindAndName = resource.split(" ", 2);
        if (kindAndName.length < 2 || !kindAndName[1].contains("/")) {
            return Optional.empty();
        }
        String plural = switch (kindAndName[0]) {
            case "VirtualService" -> "virtualservices";
            case "DestinationRule" -> "destinationrules";
            default -> "";
        };
        String[] namespaceAndName = kindAndName[1].split("/", 2);
        return plural.isEmpty() ? Optional.empty()
                : Optional.of(new ObjectKey(GROUP, plural, namespaceAndName[0], namespaceAndName[1]));
    }
}
