package io.theatermsa.benchmarks.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/** The connection-level headers a proxy never passes on (RFC 9110 §7.6.1), as nginx drops them. */
final class HopByHop {

    private HopByHop() {
    }

    static void strip(HttpHeaders headers) {
        for (String named : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String name : named.split(",")) {
                headers.remove(name.trim());
            }
        }
        headers.remove(HttpHeaderNames.CONNECTION);
        headers.remove(HttpHeaderNames.KEEP_ALIVE);
        headers.remove(HttpHeaderNames.PROXY_CONNECTION);
        headers.remove(HttpHeaderNames.TE);
        headers.remove(HttpHeaderNames.TRAILER);
        headers.remove(HttpHeaderNames.UPGRADE);
    }
}
