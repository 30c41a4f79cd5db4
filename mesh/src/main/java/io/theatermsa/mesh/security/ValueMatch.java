package io.theatermsa.mesh.security;

import java.util.List;

/**
 * Istio's value matching for AuthorizationPolicy fields (mesh-semantics §11.5): exact, {@code abc*} prefix,
 * {@code *abc} suffix, {@code *} alone for present and non-empty; a {@code *} elsewhere is literal. Namespaces are the
 * exception: every {@code *} there means any text.
 */
final class ValueMatch {

    private ValueMatch() {
    }

    static boolean any(List<String> patterns, String value) {
        for (String pattern : patterns) {
            if (one(pattern, value)) {
                return true;
            }
        }
        return false;
    }

    static boolean one(String pattern, String value) {
        if (pattern.equals("*")) {
            return !value.isEmpty();
        }
        // Istio's StringMatcherWithPrefix tests a leading * first: *abc* is a suffix match on "abc*".
        int fixed = pattern.length() - 1;
        if (pattern.startsWith("*")) {
            return value.regionMatches(value.length() - fixed, pattern, 1, fixed);
        }
        if (pattern.endsWith("*")) {
            return value.regionMatches(0, pattern, 0, fixed);
        }
        return pattern.equals(value);
    }

    static boolean anyNamespace(List<String> patterns, String namespace) {
        for (String pattern : patterns) {
            if (glob(pattern, namespace)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code text} matches {@code pattern} whole, each {@code *} standing for any text: a greedy scan that
     * backtracks to the last {@code *}, so nothing is compiled or allocated per request.
     */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
