package io.theatermsa.gateway;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The headers a proxy must not pass on (RFC 9110 §7.6.1): the fixed connection-level ones, plus every header the
 * message's own {@code Connection} header names. {@code host} and {@code content-length} are dropped too: the
 * outbound client writes its own.
 */
record HopByHopHeaders(Set<String> names) {

    private static final Set<String> ALWAYS = Set.of(
            "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "expect", "host", "content-length");
    /** The set of a message whose {@code Connection} header names no other header: built once. */
    private static final HopByHopHeaders FIXED = new HopByHopHeaders(ALWAYS);

    HopByHopHeaders {
        names = Set.copyOf(names);
    }

    /** The hop-by-hop set of a message whose {@code Connection} header had {@code connectionValues}. */
    static HopByHopHeaders naming(List<String> connectionValues) {
        Set<String> names = null;
        for (String value : connectionValues) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !ALWAYS.contains(name)) {
                    names = names == null ? new HashSet<>(ALWAYS) : names;
                    names.add(name);
                }
            }
        }
        // "Connection: keep-alive" or "close" (most messages that have one) names nothing beyond the fixed set
        return names == null ? FIXED : new HopByHopHeaders(names);
    }

    /** Whether a header called {@code name} (any case) is passed on. */
    boolean passes(String name) {
        return !names.contains(name.toLowerCase(Locale.ROOT));
    }
}
