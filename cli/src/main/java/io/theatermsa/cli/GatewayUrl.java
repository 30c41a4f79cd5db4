package io.theatermsa.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;

/**
 * A gateway URL given with {@code --url}: an absolute http(s) URL with a host, whose path (if any) is a prefix the
 * API paths go under ({@code http://host/theater} serves {@code /theater/api/...}).
 */
final class GatewayUrl {

    private GatewayUrl() {
    }

    /** {@code url} without trailing slashes, or empty after saying on {@code err} why it is no gateway URL. */
    static Optional<URI> parse(String url, PrintWriter err) {
        try {
            URI base = URI.create(url.replaceAll("/+$", ""));
            if (base.getScheme() == null || base.getHost() == null
                || !(base.getScheme().equalsIgnoreCase("http") || base.getScheme().equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("http(s) URL 이 아닙니다 / not an http(s) URL, e.g. "
                                                   + "http://127.0.0.1:8080");
            }
            return Optional.of(base);
        } catch (IllegalArgumentException e) {
            err.println("오류 / error: --url " + url + ": " + e.getMessage());
            err.flush();
            return Optional.empty();
        }
    }
}
