package io.theatermsa.mesh.config;

import java.util.List;
import java.util.Locale;

/**
 * Kiali's KIA0102 (kiali {@code business/checkers/authorization/namespace_method_checker.go}): each
 * {@code to[].operation.methods} entry must be an HTTP method or one of Istio's string matches of one, compared
 * without case and surrounding blanks: {@code *} (presence), {@code GE*} (prefix), {@code *ET} (suffix). A
 * {@code *} at both ends, a gRPC method name (those belong in {@code paths}) or an unknown verb is reported.
 */
final class AuthorizationPolicyMethods {

    /** Go's {@code net/http} method constants, the list Kiali compares with. */
    private static final List<String> HTTP_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
                                                             "CONNECT", "OPTIONS", "TRACE");

    private AuthorizationPolicyMethods() {
    }

    static void check(List<SecurityObject> securityObjects, Diagnostics out) {
        for (SecurityObject policy : securityObjects) {
            if (!policy.meta().kind().equals("AuthorizationPolicy")) {
                continue;
            }
            for (AuthorizationRules.Value method : AuthorizationRules.operationValues(policy.rawSpec(), "methods")) {
                if (!isMethodMatch(method.value())) {
                    out.add(Code.WRONG_METHOD, policy.meta(), method.path(), "'" + method.value()
                            + "' matches no HTTP method; only HTTP methods and Istio wildcards are allowed");
                }
            }
        }
    }

    static boolean isMethodMatch(String written) {
        String method = written.strip();
        if (method.equals("*")) {
            return true;
        }
        boolean prefix = method.endsWith("*") && !method.startsWith("*");
        boolean suffix = method.startsWith("*") && !method.endsWith("*");
        String pattern = (prefix ? method.substring(0, method.length() - 1)
                : suffix ? method.substring(1) : method).toUpperCase(Locale.ROOT);
        if (pattern.isEmpty()) {
            return false;
        }
        return HTTP_METHODS.stream().anyMatch(m -> prefix ? m.startsWith(pattern)
                : suffix ? m.endsWith(pattern) : m.equals(pattern));
    }
}
