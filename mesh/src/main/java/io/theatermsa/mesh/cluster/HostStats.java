package io.theatermsa.mesh.cluster;

import io.theatermsa.mesh.admin.ClusterStatuses.Stat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The per-host counters and gauges Envoy's {@code /clusters} prints (mesh-semantics §8.2). Each in-flight request
 * holds one connection, so {@code cx_active} equals {@code rq_active}.
 */
final class HostStats {

    /** One per-host stat, with Envoy's name and type. */
    enum Name {
        CX_TOTAL("cx_total", "COUNTER"),
        CX_CONNECT_FAIL("cx_connect_fail", "COUNTER"),
        RQ_TOTAL("rq_total", "COUNTER"),
        RQ_SUCCESS("rq_success", "COUNTER"),
        RQ_ERROR("rq_error", "COUNTER"),
        RQ_TIMEOUT("rq_timeout", "COUNTER"),
        RQ_ACTIVE("rq_active", "GAUGE");

        private final String envoyName;
        private final String type;

        Name(String envoyName, String type) {
            this.envoyName = envoyName;
            this.type = type;
        }
    }

    private final AtomicLongArray values = new AtomicLongArray(Name.values().length);

    void inc(Name name) {
        values.incrementAndGet(name.ordinal());
    }

    void dec(Name name) {
        values.decrementAndGet(name.ordinal());
    }

    long get(Name name) {
        return values.get(name.ordinal());
    }

    /** Envoy's rendering: {@code cx_active} and {@code rq_active} first, zero values without {@code value}. */
    List<Stat> render() {
        List<Stat> stats = new ArrayList<>();
        stats.add(stat("cx_active", "GAUGE", get(Name.RQ_ACTIVE)));
        for (Name name : Name.values()) {
            stats.add(stat(name.envoyName, name.type, get(name)));
        }
        return stats;
    }

    static Stat stat(String name, String type, long value) {
        return new Stat(name, type, value == 0 ? null : Long.toString(value));
    }
}
