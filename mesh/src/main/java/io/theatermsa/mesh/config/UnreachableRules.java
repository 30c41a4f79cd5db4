package io.theatermsa.mesh.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The warnings Istio's webhook gives about rules that can never be used (istio-validation.md A.1.10; istio/istio
 * {@code analyzeUnreachableHTTPRules} and its TCP and TLS twins), which {@code istioctl analyze} reports as IST0130
 * (a rule not used) and IST0131 (a match not used):
 * <ul>
 *   <li>only the last rule may have no {@code match}: a later match-less rule is not used, and every match of a
 *       later rule is reported as "route without matches defined before";</li>
 *   <li>a match equal to an earlier one (as JSON, its {@code name} left out) is not used; a rule whose matches are
 *       all such duplicates is not used;</li>
 *   <li>HTTP only: a {@code uri.prefix} match covered by an earlier, shorter prefix with the same port, method,
 *       authority, headers, query parameters and {@code withoutHeaders} is not used (Istio's
 *       {@code coveredValidation}, quirks kept: an absent method counts as {@code GET}, regex values as absent).</li>
 * </ul>
 * JSON equality is that of the objects as written: a field set to its default is not the same as one left out,
 * where Istio compares the parsed protos.
 */
final class UnreachableRules {

    private final AdmissionFindings findings;
    private final String kind;
    /** HTTP rules and matches have names, and only they get the prefix-overlap check. */
    private final boolean http;

    private UnreachableRules(AdmissionFindings findings, String kind) {
        this.findings = findings;
        this.kind = kind;
        this.http = kind.equals("http");
    }

    static void check(RawField spec, AdmissionFindings findings) {
        new UnreachableRules(findings, "http").rules(spec.items("http"));
        new UnreachableRules(findings, "tcp").rules(spec.items("tcp"));
        new UnreachableRules(findings, "tls").rules(spec.items("tls"));
    }

    /** One {@code uri.prefix} match as the overlap check sees it. */
    private record PrefixMatch(String route, String match, String prefix, long port, String method, String authority,
                               Map<String, String> headers, Map<String, String> queryParams,
                               Map<String, String> withoutHeaders) {

        /** Istio's {@code coveredValidation(this, later)}. */
        boolean covers(PrefixMatch later) {
            return later.prefix.startsWith(prefix) && later.port == port
                   && coveredValue(method, later.method) && coveredValue(authority, later.authority)
                   && coveredValues(headers, later.headers) && coveredValues(queryParams, later.queryParams)
                   && coveredValues(withoutHeaders, later.withoutHeaders);
        }

        private static boolean coveredValue(String earlier, String later) {
            return earlier.equals(later) || earlier.startsWith(later);
        }

        private static boolean coveredValues(Map<String, String> earlier, Map<String, String> later) {
            if (earlier.size() != later.size()) {
                return false;
            }
            for (Map.Entry<String, String> e : earlier.entrySet()) {
                String value = later.get(e.getKey());
                if (value == null || !coveredValue(e.getValue(), value)) {
                    return false;
                }
            }
            return true;
        }
    }

    private void rules(List<RawField> routes) {
        Map<JsonNode, Integer> seen = new HashMap<>();
        int matchLess = -1;
        List<PrefixMatch> prefixes = new ArrayList<>();
        for (int r = 0; r < routes.size(); r++) {
            RawField route = routes.get(r);
            if (route.isNull()) {
                continue;
            }
            List<RawField> matches = route.items("match");
            if (matches.isEmpty()) {
                if (matchLess >= 0) {
                    unused(route, r, "only the last rule can have no matches");
                }
                matchLess = r;
                continue;
            }
            int duplicates = 0;
            for (int m = 0; m < matches.size(); m++) {
                if (matchLess >= 0) {
                    unused(route, r, "route without matches defined before");
                    continue;
                }
                JsonNode key = withoutName(matches.get(m).node());
                Integer earlier = seen.get(key);
                if (earlier != null) {
                    ineffective(route, r, matchName(matches.get(m), m), routeName(routes.get(earlier), earlier));
                    duplicates++;
                    continue;
                }
                seen.put(key, r);
                if (http) {
                    prefixMatch(route, r, matches.get(m), m).ifPresent(prefixes::add);
                }
            }
            if (duplicates == matches.size()) {
                unused(route, r, "all matches used by prior rules");
            }
        }
        for (int a = 0; a < prefixes.size(); a++) {
            for (int b = a + 1; b < prefixes.size(); b++) {
                PrefixMatch earlier = prefixes.get(a);
                PrefixMatch later = prefixes.get(b);
                if (!later.prefix().equals(earlier.prefix()) && earlier.covers(later)) {
                    findings.add(Code.INEFFECTIVE_MATCH, "spec." + kind, ineffectiveText(later.route(),
                            later.match() + " of prefix " + later.prefix(),
                            earlier.match() + " of prefix " + earlier.prefix() + " on " + earlier.route()));
                }
            }
        }
    }

    private Optional<PrefixMatch> prefixMatch(RawField route, int r, RawField match, int m) {
        RawField uri = match.at("uri");
        String prefix = uri == null ? null : uri.text("prefix");
        if (prefix == null || prefix.isEmpty()) {
            return Optional.empty();
        }
        String method = exactOrPrefix(match.at("method"));
        Long port = match.integer("port");
        return Optional.of(new PrefixMatch(routeName(route, r), matchName(match, m), prefix,
                port == null ? 0 : port, method.isEmpty() ? "exact:GET" : method, exactOrPrefix(match.at("authority")),
                exactOrPrefixes(match, "headers"), exactOrPrefixes(match, "queryParams"),
                exactOrPrefixes(match, "withoutHeaders")));
    }

    /** Istio's {@code assignExactOrPrefix}: {@code exact:v}, else {@code prefix:v}, else empty. */
    private static String exactOrPrefix(RawField value) {
        if (value == null) {
            return "";
        }
        if (AdmissionFindings.nonEmpty(value, "exact")) {
            return "exact:" + value.text("exact");
        }
        return AdmissionFindings.nonEmpty(value, "prefix") ? "prefix:" + value.text("prefix") : "";
    }

    private static Map<String, String> exactOrPrefixes(RawField match, String field) {
        Map<String, String> out = new HashMap<>();
        match.entries(field).forEach((name, value) -> out.put(name, exactOrPrefix(value)));
        return out;
    }

    private static JsonNode withoutName(JsonNode match) {
        if (match instanceof ObjectNode object && object.has("name")) {
            ObjectNode copy = object.deepCopy();
            copy.remove("name");
            return copy;
        }
        return match;
    }

    private void unused(RawField route, int r, String reason) {
        findings.add(Code.UNREACHABLE_RULE, route.path(),
                "virtualService rule " + routeName(route, r) + " not used (" + reason + ")");
    }

    private void ineffective(RawField route, int r, String match, String duplicateOf) {
        findings.add(Code.INEFFECTIVE_MATCH, route.path(), ineffectiveText(routeName(route, r), match, duplicateOf));
    }

    private static String ineffectiveText(String route, String match, String duplicateOf) {
        return "virtualService rule " + route + " match " + match + " is not used (duplicate/overlapping match in rule "
               + duplicateOf + ")";
    }

    /** The quoted {@code name} of an HTTP rule, else {@code #index}; TCP and TLS rules have no names. */
    private String routeName(RawField route, int r) {
        return http && AdmissionFindings.nonEmpty(route, "name") ? "\"" + route.text("name") + "\""
                : "#" + r;
    }

    private String matchName(RawField match, int m) {
        return http && AdmissionFindings.nonEmpty(match, "name") ? "\"" + match.text("name") + "\""
                : "#" + m;
    }
}
