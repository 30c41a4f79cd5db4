package io.theatermsa.platform.topology;

import io.theatermsa.platform.sidecar.ServiceAddress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One workload of the topology: its Service, how many pods it runs in which cluster and how the dashboard shows it.
 *
 * @param name  the Service name (and the {@code app} label), e.g. {@code user-service}
 * @param title the name the dashboard shows, e.g. {@code User Service}
 * @param icon  the dashboard's icon
 * @param path  the gateway path prefix that reaches it, e.g. {@code /users}; empty when the gateway forwards
 *              nothing to it
 * @param port  the Service port, e.g. {@code 8081}
 * @param pods  pods per cluster, in the order written; a cluster left out runs none
 */
public record Workload(String name, String title, String icon, String path, int port, Map<String, Integer> pods) {

    public Workload {
        Objects.requireNonNull(name, "workload name");
        title = title == null ? name : title;
        icon = icon == null ? "" : icon;
        path = path == null ? "" : path;
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(name + ": port must be between 1 and 65535, not " + port);
        }
        pods = Collections.unmodifiableMap(new LinkedHashMap<>(pods == null ? Map.of() : pods));
    }

    /** What callers name to reach it: {@code user-service:8081}. */
    public ServiceAddress address() {
        return new ServiceAddress(name, port);
    }

    /** The clusters it has pods in, in the order written. */
    public List<String> clusters() {
        return pods.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
    }

    public int podsIn(String cluster) {
        return pods.getOrDefault(cluster, 0);
    }
}
