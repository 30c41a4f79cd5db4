package io.theatermsa.gateway;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The headers a proxy must not pass on (RFC 9110 §7.6.1): the fixed connection-level ones, plus every header the
 * message's own {@code Connection} header names. {@code host} and {@code content-length} are dropped too: the
 * outbound client writes its own.
 */
record HopByHopHeaders(Set<String> names) {

    private static final Set<String> ALWAYS = Set.of(
            "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "expect", "host", "content-length");

    HopByHopHeaders {
        names = Set.copyOf(names);
    }

    /** The hop-by-hop set of a message whose {@code Connection} header had {@code connectionValues}. */
    static HopByHopHeaders naming(List<String> connectionValues) {
        Set<String> named = connectionValues.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(token -> token.trim().toLowerCase(Locale.ROOT))
                .filter(token -> !token.isEmpty())
                .collect(Collectors.toSet());
        return new HopByHopHeaders(Stream.concat(ALWAYS.stream(), named.stream()).collect(Collectors.toSet()));
    }

    /** Whether a header called {@code name} (any case) is passed on. */
    boolean passes(String name) {
        return !names.contains(name.toLowerCase(Locale.ROOT));
    }
}
