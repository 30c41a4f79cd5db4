package io.theatermsa.mesh.security;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The path an AuthorizationPolicy's {@code paths} are compared with: the sidecar's default normalization
 * ({@code meshConfig.pathNormalization} {@code BASE}, mesh-semantics §11.5): {@code \} becomes {@code /}, and the dot
 * segments are removed as RFC 3986 §5.2.4 says; slashes are not merged. Percent-encoded characters are left as sent
 * (Envoy's canonicalizer also decodes unreserved ones: not emulated).
 */
final class BasePathNormalization {

    private BasePathNormalization() {
    }

    /** {@code path} without query and fragment, normalized; the same string when there is nothing to do. */
    static String of(String path) {
        if (path.indexOf('\\') < 0 && path.indexOf("/.") < 0) {
            return path;
        }
        return removeDotSegments(path.replace('\\', '/'));
    }

    private static String removeDotSegments(String path) {
        Deque<String> out = new ArrayDeque<>();
        String[] segments = path.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".")) {
                if (last) {
                    out.addLast("");
                }
            } else if (segment.equals("..")) {
                out.pollLast();
                if (last) {
                    out.addLast("");
                }
            } else {
                out.addLast(segment);
            }
        }
        return "/" + String.join("/", out);
    }
}
