package io.theatermsa.mesh.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The checks Istio's validation applies to one VirtualService on its own (mesh-semantics §1, §2.1). */
final class VirtualServiceValidator {

    private static final Set<String> PSEUDO_HEADER_KEYS = Set.of("uri", "scheme", "method", "authority");

    private VirtualServiceValidator() {
    }

    static void validate(VirtualService vs, Diagnostics out) {
        ObjectMeta meta = vs.meta();
        if (vs.hosts().isEmpty()) {
            out.add(Code.MISSING_HOSTS, meta, "spec.hosts", "at least one host is required");
        }
        if (!vs.appliesToSidecars()) {
            out.add(Code.NOT_FOR_SIDECARS, meta, "spec.gateways",
                    "applies only to gateways " + vs.gateways() + ", not to sidecars ('mesh'); the emulator skips it");
        }
        int catchAll = -1;
        for (HttpRoute route : vs.http()) {
            String path = "spec.http[" + route.index() + "]";
            validateRoute(route, path, meta, out);
            if (catchAll >= 0) {
                out.add(Code.UNREACHABLE_ROUTE, meta, path, "route '" + route.displayName()
                        + "' can never match: http[" + catchAll + "] before it matches every request");
            } else if (route.isCatchAll()) {
                catchAll = route.index();
            }
        }
    }

    private static void validateRoute(HttpRoute r, String path, ObjectMeta meta, Diagnostics out) {
        validateActions(r, path, meta, out);
        for (int j = 0; j < r.match().size(); j++) {
            validateMatch(r.match().get(j), path + ".match[" + j + "]", meta, out);
        }
        validateDestinations(r.route(), path + ".route", meta, out);
        if (r.fault() != null) {
            validateFault(r.fault(), path + ".fault", meta, out);
        }
        if (r.retries() != null) {
            if (r.retries().attempts() != null && r.retries().attempts() < 0) {
                out.add(Code.INVALID_VALUE, meta, path + ".retries.attempts", "attempts cannot be negative");
            }
            if (!FieldRules.isAtLeastOneMillisecond(r.retries().perTryTimeout())) {
                out.add(Code.INVALID_DURATION, meta, path + ".retries.perTryTimeout", "must be at least 1ms");
            }
        }
        if (!FieldRules.isAtLeastOneMillisecond(r.timeout())) {
            out.add(Code.INVALID_DURATION, meta, path + ".timeout", "must be at least 1ms");
        }
        if (!FieldRules.isPercentage(r.mirrorPercentage())) {
            out.add(Code.INVALID_VALUE, meta, path + ".mirrorPercentage.value", "must be between 0 and 100");
        }
        validateLocalActions(r, path, meta, out);
        validateMirrors(r, path, meta, out);
    }

    private static void validateActions(HttpRoute r, String path, ObjectMeta meta, Diagnostics out) {
        boolean routes = !r.route().isEmpty();
        if (r.redirect() != null && routes) {
            out.add(Code.CONFLICTING_ROUTE_ACTIONS, meta, path, "HTTP route cannot contain both route and redirect");
        }
        if (r.redirect() != null && r.fault() != null) {
            out.add(Code.CONFLICTING_ROUTE_ACTIONS, meta, path, "HTTP route cannot contain both fault and redirect");
        }
        if (r.directResponse() != null && (routes || r.redirect() != null)) {
            out.add(Code.CONFLICTING_ROUTE_ACTIONS, meta, path,
                    "HTTP route cannot contain directResponse together with route or redirect");
        }
        if (!routes && r.redirect() == null && r.directResponse() == null) {
            out.add(Code.ROUTE_WITHOUT_DESTINATION, meta, path + ".route",
                    "HTTP route, redirect or directResponse is required");
        }
    }

    private static void validateLocalActions(HttpRoute r, String path, ObjectMeta meta, Diagnostics out) {
        HttpRedirect redirect = r.redirect();
        if (redirect != null && redirect.redirectCode() != null
                && (redirect.redirectCode() < 300 || redirect.redirectCode() > 399)) {
            out.add(Code.INVALID_VALUE, meta, path + ".redirect.redirectCode",
                    redirect.redirectCode() + " is not a valid redirect code, must be 3xx");
        }
        if (redirect != null && redirect.port() != null && (redirect.port() < 1 || redirect.port() > 65535)) {
            out.add(Code.INVALID_VALUE, meta, path + ".redirect.port", "port must be between 1 and 65535");
        }
        HttpDirectResponse direct = r.directResponse();
        if (direct != null && (direct.status() == null || direct.status() < 200 || direct.status() > 599)) {
            out.add(Code.INVALID_VALUE, meta, path + ".directResponse.status",
                    "status " + direct.status() + " must be in range 200-599");
        }
    }

    private static void validateMirrors(HttpRoute r, String path, ObjectMeta meta, Diagnostics out) {
        if (r.mirror() != null && !r.mirrors().isEmpty()) {
            out.add(Code.CONFLICTING_ROUTE_ACTIONS, meta, path, "HTTP route cannot contain both mirror and mirrors");
        }
        if (r.mirror() != null) {
            validateMirrorHost(r.mirror(), path + ".mirror.host", meta, out);
        }
        for (int k = 0; k < r.mirrors().size(); k++) {
            HttpMirror m = r.mirrors().get(k);
            validateMirrorHost(m.destination(), path + ".mirrors[" + k + "].destination.host", meta, out);
            if (!FieldRules.isPercentage(m.percentage())) {
                out.add(Code.INVALID_VALUE, meta, path + ".mirrors[" + k + "].percentage.value",
                        "must be between 0 and 100");
            }
        }
    }

    private static void validateMirrorHost(Destination d, String path, ObjectMeta meta, Diagnostics out) {
        if (d == null || d.host() == null || d.host().isBlank()) {
            out.add(Code.DESTINATION_WITHOUT_HOST, meta, path, "mirror destination host is required");
        }
    }

    private static void validateMatch(HttpMatchRequest m, String path, ObjectMeta meta, Diagnostics out) {
        if (m.isEmpty()) {
            out.add(Code.EMPTY_MATCH, meta, path, "HTTPMatchRequest cannot be empty");
            return;
        }
        validateRegex(m.uri(), path + ".uri", meta, out);
        validateRegex(m.scheme(), path + ".scheme", meta, out);
        validateRegex(m.method(), path + ".method", meta, out);
        validateRegex(m.authority(), path + ".authority", meta, out);
        validateHeaders(m.headers(), path + ".headers", meta, out);
        validateHeaders(m.withoutHeaders(), path + ".withoutHeaders", meta, out);
        m.queryParams().forEach((name, match) -> validateRegex(match, path + ".queryParams." + name, meta, out));
        if (m.sourceNamespace() != null && !FieldRules.isDns1123Label(m.sourceNamespace())) {
            out.add(Code.INVALID_VALUE, meta, path + ".sourceNamespace",
                    "'" + m.sourceNamespace() + "' is not a valid namespace name");
        }
        if (m.port() != null && (m.port() < 1 || m.port() > 65535)) {
            out.add(Code.INVALID_VALUE, meta, path + ".port", "port must be between 1 and 65535");
        }
    }

    private static void validateHeaders(Map<String, StringMatch> headers, String path, ObjectMeta meta,
                                        Diagnostics out) {
        headers.forEach((name, match) -> {
            String field = path + "." + name;
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                out.add(Code.UPPERCASE_HEADER_NAME, meta, field,
                        "header names must be lower-case; matched as '" + name.toLowerCase(Locale.ROOT) + "'");
            }
            if (PSEUDO_HEADER_KEYS.contains(name.toLowerCase(Locale.ROOT))) {
                out.add(Code.IGNORED_HEADER_KEY, meta, field,
                        "'" + name + "' is ignored inside headers; use the match block's own field");
            }
            validateRegex(match, field, meta, out);
        });
    }

    private static void validateRegex(StringMatch match, String path, ObjectMeta meta, Diagnostics out) {
        if (match instanceof StringMatch.Regex(String expression)) {
            String error = FieldRules.regexError(expression);
            if (error != null) {
                out.add(Code.INVALID_REGEX, meta, path + ".regex",
                        "'" + expression + "' is not a valid RE2 expression: " + error);
            }
        }
    }

    private static void validateDestinations(List<HttpRouteDestination> destinations, String path, ObjectMeta meta,
                                             Diagnostics out) {
        long total = 0;
        for (int k = 0; k < destinations.size(); k++) {
            HttpRouteDestination d = destinations.get(k);
            String at = path + "[" + k + "]";
            Destination dest = d.destination();
            if (dest == null || dest.host() == null || dest.host().isBlank()) {
                out.add(Code.DESTINATION_WITHOUT_HOST, meta, at + ".destination.host", "destination host is required");
            } else if (dest.subset() != null && !FieldRules.isDns1123Label(dest.subset())) {
                out.add(Code.INVALID_SUBSET_NAME, meta, at + ".destination.subset",
                        "'" + dest.subset() + "' is not a DNS-1123 label");
            }
            int weight = d.weight() == null ? 0 : d.weight();
            if (weight < 0) {
                out.add(Code.NEGATIVE_WEIGHT, meta, at + ".weight", "weight " + weight + " is negative");
            }
            total += Math.max(weight, 0);
        }
        if (destinations.size() > 1 && total == 0) {
            out.add(Code.ZERO_TOTAL_WEIGHT, meta, path, "total destination weight = 0");
        }
    }

    private static void validateFault(FaultInjection f, String path, ObjectMeta meta, Diagnostics out) {
        if (f.delay() == null && f.abort() == null) {
            out.add(Code.INVALID_FAULT, meta, path, "a fault needs a delay, an abort, or both");
        }
        FaultInjection.Delay delay = f.delay();
        if (delay != null) {
            if (delay.exponentialDelay()) {
                out.add(Code.INVALID_FAULT, meta, path + ".delay.exponentialDelay", "exponentialDelay is not supported");
            } else if (delay.fixedDelay() == null) {
                out.add(Code.INVALID_FAULT, meta, path + ".delay.fixedDelay", "fixedDelay is required");
            } else if (!FieldRules.isAtLeastOneMillisecond(delay.fixedDelay())) {
                out.add(Code.INVALID_FAULT, meta, path + ".delay.fixedDelay", "must be at least 1ms");
            }
            if (!FieldRules.isPercentage(delay.percentage())) {
                out.add(Code.INVALID_FAULT, meta, path + ".delay.percentage.value", "must be between 0 and 100");
            }
            if (!FieldRules.isPercentage(delay.percent())) {
                out.add(Code.INVALID_FAULT, meta, path + ".delay.percent", "must be between 0 and 100");
            }
        }
        FaultInjection.Abort abort = f.abort();
        if (abort != null) {
            if (abort.httpStatus() == null && abort.grpcStatus() == null) {
                out.add(Code.INVALID_FAULT, meta, path + ".abort", "httpStatus or grpcStatus is required");
            }
            if (abort.httpStatus() != null && (abort.httpStatus() < 200 || abort.httpStatus() > 600)) {
                out.add(Code.INVALID_FAULT, meta, path + ".abort.httpStatus",
                        "httpStatus " + abort.httpStatus() + " must be in range 200-599");
            }
            if (!FieldRules.isPercentage(abort.percentage())) {
                out.add(Code.INVALID_FAULT, meta, path + ".abort.percentage.value", "must be between 0 and 100");
            }
        }
    }
}
