package io.theatermsa.mesh.security;

import java.util.List;

/**
 * A rule's {@code to[].operation}. Methods are exact and case-sensitive; paths are compared without the query
 * string and fragment, normalized as the sidecar normalizes them ({@link BasePathNormalization}); ports are the workload port (mesh-semantics §11.5), parsed when the policy is decoded.
 */
public record Operation(List<String> methods, List<String> notMethods, List<String> paths, List<String> notPaths,
                        List<Integer> ports, List<Integer> notPorts) {

    public Operation {
        methods = List.copyOf(methods);
        notMethods = List.copyOf(notMethods);
        paths = List.copyOf(paths);
        notPaths = List.copyOf(notPaths);
        ports = List.copyOf(ports);
        notPorts = List.copyOf(notPorts);
    }

    /** Whether it names what only HTTP has: methods or paths (§11.5). */
    boolean usesHttpFields() {
        return !methods.isEmpty() || !notMethods.isEmpty() || !paths.isEmpty() || !notPaths.isEmpty();
    }

    /** The operation a DENY policy keeps on a TCP chain: its HTTP fields dropped, which widens it (§11.5). */
    Operation withoutHttpFields() {
        return new Operation(List.of(), List.of(), List.of(), List.of(), ports, notPorts);
    }

    boolean matches(InboundRequest request) {
        String method = request.method();
        String path = BasePathNormalization.of(withoutQuery(request.path()));
        int port = request.port();
        return (ports.isEmpty() || contains(ports, port))
                && !contains(notPorts, port)
                && (methods.isEmpty() || methods.contains(method))
                && !notMethods.contains(method)
                && (paths.isEmpty() || ValueMatch.any(paths, path))
                && !ValueMatch.any(notPaths, path);
    }

    /** Compares unboxed: no Integer per request. */
    private static boolean contains(List<Integer> ports, int port) {
        for (int p : ports) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    private static String withoutQuery(String path) {
        int cut = path.length();
        int query = path.indexOf('?');
        int fragment = path.indexOf('#');
        if (query >= 0) {
            cut = query;
        }
        if (fragment >= 0 && fragment < cut) {
            cut = fragment;
        }
        return path.substring(0, cut);
    }
}
