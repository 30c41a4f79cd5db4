package io.theatermsa.mesh.route;

/**
 * What a matched route does (mesh-semantics §1.10): forward to its weighted destinations, or answer locally with
 * a redirect or a fixed response, without any upstream.
 */
public sealed interface RouteAction {

    /** Forward upstream to one of {@link Route#destinations()}. */
    record Forward() implements RouteAction {
    }

    /**
     * {@code redirect:}: a local reply with {@code Location}. Each part left empty (or 0 for the port) keeps the
     * request's.
     *
     * @param uri       the new path (query included when it has one), replacing the whole path
     * @param authority the new host, replacing the request's host and port
     * @param port      the new port, 0 when absent
     * @param scheme    the new scheme
     * @param code      {@code redirectCode}, 301 when absent
     */
    record Redirect(String uri, String authority, int port, String scheme, int code) implements RouteAction {

        /**
         * The {@code Location} for a request made with {@code scheme} to {@code authority} ({@code host[:port]})
         * at {@code path} (query included). As Envoy's {@code RedirectAction}: a new path keeps the request's
         * query unless it has its own ({@code strip_query} is false); a new authority replaces host and port; a
         * port, when given, replaces the port; otherwise the request's port is kept unless it is the default port
         * of the resulting scheme.
         */
        public String location(String requestScheme, String requestAuthority, String requestPath) {
            String finalScheme = scheme.isEmpty() ? requestScheme : scheme;
            String host = authority.isEmpty() ? requestAuthority : authority;
            String hostPort = portOf(host);
            String hostOnly = hostPort == null ? host : host.substring(0, host.length() - hostPort.length() - 1);
            String finalPort = port != 0 ? Integer.toString(port)
                    : hostPort == null || hostPort.equals(defaultPort(finalScheme)) ? null : hostPort;
            int q = requestPath.indexOf('?');
            String finalPath = uri.isEmpty() ? requestPath
                    : uri.indexOf('?') >= 0 || q < 0 ? uri : uri + requestPath.substring(q);
            return finalScheme + "://" + hostOnly + (finalPort == null ? "" : ":" + finalPort) + finalPath;
        }

        private static String portOf(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            return colon < 0 || hostPort.endsWith("]") ? null : hostPort.substring(colon + 1);
        }

        private static String defaultPort(String scheme) {
            return switch (scheme) {
                case "http" -> "80";
                case "https" -> "443";
                default -> "";
            };
        }
    }

    /**
     * {@code directResponse:}: a fixed status and body.
     *
     * @param body the body ({@code body.string} as UTF-8 or {@code body.bytes} decoded); empty when absent
     */
    record DirectResponse(int status, byte[] body) implements RouteAction {
        public DirectResponse {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }
}
