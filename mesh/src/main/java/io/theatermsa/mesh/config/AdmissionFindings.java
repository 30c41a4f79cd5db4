package io.theatermsa.mesh.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the admission rules of one object write their findings, with the value checks the VirtualService and
 * DestinationRule rules share: durations (C.6), the schema's one-ofs (D.3) and enums (D.8), unsigned counters.
 */
final class AdmissionFindings {

    private final ObjectMeta meta;
    private final Diagnostics out;

    AdmissionFindings(ObjectMeta meta, Diagnostics out) {
        this.meta = meta;
        this.out = out;
    }

    ObjectMeta meta() {
        return meta;
    }

    /** A finding with {@code code}: an error for Istio's refusals, or what {@code istioctl analyze} adds. */
    void add(Code code, String path, String message) {
        out.add(code, meta, path, message);
    }

    /** A warning Istio's webhook returns with an admitted object ({@code Warning: …} in kubectl). */
    void warn(String path, String message) {
        out.add(Code.WEBHOOK_WARNING, meta, path, message);
    }

    void duration(RawField block, String field) {
        Duration d = block.duration(field);
        if (d != null) {
            IstioNames.durationError(d).ifPresent(e -> add(Code.INVALID_DURATION, block.path(field), e));
        }
    }

    void oneOf(RawField block, String... fields) {
        if (Arrays.stream(fields).filter(block::has).count() > 1) {
            add(Code.CONFLICTING_FIELDS, block.path(), "only one of " + String.join(", ", fields) + " may be set");
        }
    }

    void enumValue(RawField block, String field, Set<String> allowed) {
        String v = block.text(field);
        if (v != null && !allowed.contains(v)) {
            add(Code.INVALID_VALUE, block.path(field), "'" + v + "' is not one of " + new TreeSet<>(allowed));
        }
    }

    void nonNegative(RawField block, String field) {
        Long v = block.integer(field);
        if (v != null && v < 0) {
            add(Code.INVALID_VALUE, block.path(field), field + " must be non-negative");
        }
    }

    void port(RawField block, String field) {
        Long port = block.integer(field);
        if (port != null && port != 0 && !IstioNames.isPort(port)) {
            add(Code.INVALID_VALUE, block.path(field), "port number " + port + " must be in the range 1..65535");
        }
    }

    static boolean nonEmpty(RawField r, String field) {
        String t = r.text(field);
        return t != null && !t.isEmpty();
    }
}
