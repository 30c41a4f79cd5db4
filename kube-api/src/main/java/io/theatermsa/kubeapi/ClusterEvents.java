package io.theatermsa.kubeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * <b>The event seam</b>: records core/v1 Events about one cluster's objects in its {@link ClusterStore}, where
 * {@code kubectl describe}, {@code kubectl get events} and {@code kubectl events} find them (a pod started, ejected
 * by outlier detection, a fault injected, a configuration refused). As kube's event recorder does, a repeat of
 * the same reason and message about the same object bumps {@code count} and {@code lastTimestamp} instead of
 * adding an event. The event carries the object's uid when the object is stored, since describe selects by it.
 * Where kube lets events expire after an hour, this keeps the newest {@value #KEPT} and deletes older ones.
 * Thread-safe.
 */
public final class ClusterEvents {

    /** An event's {@code type}. */
    public enum Type {
        NORMAL("Normal"), WARNING("Warning");

        private final String text;

        Type(String text) {
            this.text = text;
        }
    }

    private record Repeat(ObjectKey involved, String reason, String message) {
    }

    static final int KEPT = 1000;

    private final ClusterStore store;
    private final Clock clock;
    private final Map<Repeat, ObjectKey> recorded = new LinkedHashMap<>();
    private long sequence;

    public ClusterEvents(ClusterStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Records that {@code reason} happened to {@code involved} (a pod, a deployment, a VirtualService, ...), as
     * reported by {@code component} ({@code kubelet}, {@code istio-proxy}, {@code validation.istio.io}).
     */
    public void record(ObjectKey involved, Type type, String reason, String message, String component) {
        record(involved, type, reason, message, component, 1);
    }

    /**
     * Records that {@code reason} happened {@code times} times to {@code involved} since it was last recorded: what
     * a caller that counts frequent occurrences (a fault injected into requests) reports once in a while, so that
     * {@code count} says how often it happened without one write per occurrence.
     *
     * @throws IllegalArgumentException when {@code times} is not positive
     */
    public synchronized void record(ObjectKey involved, Type type, String reason, String message, String component,
                                    int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be positive, not " + times);
        }
        Instant now = clock.instant();
        Repeat repeat = new Repeat(involved, reason, message);
        ObjectKey earlier = recorded.get(repeat);
        if (earlier != null && store.get(earlier).isPresent()) {
            store.update(earlier, event -> {
                event.put("count", event.path("count").asInt(1) + times).put("lastTimestamp", Timestamps.format(now));
                return event;
            }, FieldManager.update(component), JsonMappers.MAPPER.createObjectNode(), false);
            return;
        }
        String namespace = involved.namespace().isEmpty() ? "default" : involved.namespace();
        ObjectKey key = new ObjectKey("", "events", namespace,
                                      involved.name() + "." + Long.toHexString(now.toEpochMilli()) + (++sequence));
        store.create(key, event(involved, type, reason, message, component, now, times),
                     FieldManager.update(component));
        recorded.remove(repeat);
        recorded.put(repeat, key);
        if (recorded.size() > KEPT) {
            Iterator<ObjectKey> oldest = recorded.values().iterator();
            ObjectKey expired = oldest.next();
            oldest.remove();
            if (store.get(expired).isPresent()) {
                store.delete(expired, false);
            }
        }
    }

    private ObjectNode event(ObjectKey involved, Type type, String reason, String message, String component,
                             Instant now, int times) {
        ObjectNode event = JsonMappers.MAPPER.createObjectNode();
        event.put("apiVersion", "v1").put("kind", "Event");
        event.putObject("metadata");
        ObjectNode object = event.putObject("involvedObject");
        ServedTypes.ALL.stream().filter(t -> t.group().equals(involved.group())
                                             && t.plural().equals(involved.resource())).findFirst()
                .ifPresent(t -> object.put("kind", t.kind()).put("apiVersion", t.apiVersion(t.versions().getFirst())));
        if (!involved.namespace().isEmpty()) {
            object.put("namespace", involved.namespace());
        }
        object.put("name", involved.name());
        store.get(involved).ifPresent(o -> object.put("uid", o.path("metadata").path("uid").asText())
                .put("resourceVersion", o.path("metadata").path("resourceVersion").asText()));
        event.put("reason", reason).put("message", message).put("type", type.text);
        event.putObject("source").put("component", component);
        event.put("firstTimestamp", Timestamps.format(now)).put("lastTimestamp", Timestamps.format(now))
                .put("count", times).put("reportingComponent", component).put("reportingInstance", "");
        return event;
    }
}
