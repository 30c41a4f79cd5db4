package io.theatermsa.mesh.security;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Istio's value matching for AuthorizationPolicy fields (mesh-semantics §11.5): exact, {@code abc*} prefix,
 * {@code *abc} suffix, {@code *} alone for present and non-empty; a {@code *} elsewhere is literal. Namespaces are the
 * exception: every {@code *} there means any text.
 */
final class ValueMatch {

    private ValueMatch() {
    }

    static boolean any(List<String> patterns, String value) {
        return patterns.stream().anyMatch(p -> one(p, value));
    }

    static boolean one(String pattern, String value) {
        if (pattern.equals("*")) {
            return !value.isEmpty();
        }
        // Istio's StringMatcherWithPrefix tests a leading * first: *abc* is a suffix match on "abc*".
        if (pattern.startsWith("*")) {
            return value.endsWith(pattern.substring(1));
        }
        if (pattern.endsWith("*")) {
            return value.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(value);
    }

    static boolean anyNamespace(List<String> patterns, String namespace) {
        return patterns.stream().anyMatch(p -> namespacePattern(p).matcher(namespace).matches());
    }

    private static Pattern namespacePattern(String written) {
        StringBuilder regex = new StringBuilder();
        for (String part : written.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
