package io.theatermsa.mesh.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What Istio's validating webhook and the v1 CRD schema refuse in one VirtualService (istio-validation.md A, C, D),
 * read from the spec as written; every finding is an {@link Gate#ADMISSION} error except the webhook's own warnings.
 * The model-based checks (unreachable routes, header spelling) stay in {@link VirtualServiceValidator}.
 */
final class VirtualServiceAdmission {

    private static final Set<String> RETRY_ON = Set.of("5xx", "gateway-error", "reset", "reset-before-request",
            "connect-failure", "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers",
            "envoy-ratelimited", "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal",
            "resource-exhausted", "unavailable");
    private static final Set<String> CORS_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE", "*");
    private static final int DIRECT_RESPONSE_MAX = 1024 * 1024;
    private static final int DIRECT_RESPONSE_WARN = 100 * 1024;
    private static final int REGEX_MAX = 1024;

    private final AdmissionFindings findings;

    private VirtualServiceAdmission(AdmissionFindings findings) {
        this.findings = findings;
    }

    static void check(RawField spec, AdmissionFindings findings) {
        new VirtualServiceAdmission(findings).virtualService(spec);
    }

    private void virtualService(RawField spec) {
        List<String> hosts = spec.strings("hosts");
        List<String> gateways = spec.strings("gateways");
        boolean delegate = hosts.isEmpty();
        boolean gatewayOnly = !gateways.isEmpty() && !gateways.contains(VirtualService.MESH_GATEWAY);
        if (delegate) {
            for (String field : List.of("gateways", "tls", "tcp")) {
                if (!spec.items(field).isEmpty()) {
                    findings.add(Code.CONFLICTING_FIELDS, spec.path(field), "delegate virtual service must have no "
                            + (field.equals("gateways") ? "gateways specified" : field + " route specified"));
                }
            }
        }
        hosts(spec, gatewayOnly);
        gatewayNames(spec.items("gateways"));
        ExportTo.check(spec, findings);
        if (spec.items("http").isEmpty() && spec.items("tcp").isEmpty() && spec.items("tls").isEmpty()) {
            findings.add(Code.MISSING_ROUTES, "spec", "http, tcp or tls must be provided in virtual service");
        }
        for (RawField http : spec.items("http")) {
            if (http.isNull()) {
                findings.add(Code.MISSING_FIELD, http.path(), "http route may not be null");
            } else {
                httpRoute(http, delegate, gatewayOnly);
            }
        }
        spec.items("tcp").forEach(tcp -> tcpRoute(tcp));
        spec.items("tls").forEach(tls -> tlsRoute(tls, hosts));
        UnreachableRules.check(spec, findings);
    }

    private void hosts(RawField spec, boolean gatewayOnly) {
        List<RawField> hosts = spec.items("hosts");
        boolean allValid = true;
        for (RawField h : hosts) {
            String host = h.text();
            if (host == null) {
                continue;
            }
            Optional<String> problem = IstioNames.wildcardDomainError(host);
            if (problem.isPresent() && !IstioNames.isIpAddress(host)) {
                findings.add(Code.INVALID_HOST, h.path(), problem.get());
                allValid = false;
            } else if (problem.isEmpty() && !gatewayOnly && host.equals("*")) {
                findings.add(Code.INVALID_HOST, h.path(),
                      "wildcard host * is not allowed for virtual services bound to the mesh gateway");
                allValid = false;
            }
        }
        if (!allValid) {
            return;
        }
        for (int i = 0; i < hosts.size(); i++) {
            for (int j = i + 1; j < hosts.size(); j++) {
                String a = hosts.get(i).text();
                String b = hosts.get(j).text();
                if (a != null && b != null && IstioNames.hostsOverlap(a, b)) {
                    findings.add(Code.DUPLICATE_HOSTS, hosts.get(j).path(),
                          "duplicate hosts in virtual service: " + a + " & " + b);
                }
            }
        }
    }

    /** C.9, including Istio's quirk: the check stops at the first name without a {@code /}. */
    private void gatewayNames(List<RawField> gateways) {
        for (RawField g : gateways) {
            String name = g.text();
            if (name == null) {
                continue;
            }
            int slash = name.indexOf('/');
            if (slash < 0) {
                if (name.contains(".")) {
                    findings.warn(g.path(), "using legacy gatewayName format \"" + name + "\"; prefer \"<namespace>/<name>\"");
                }
                IstioNames.fqdnError(name).ifPresent(e -> findings.add(Code.INVALID_VALUE, g.path(),
                        "invalid gateway name: " + e));
                return;
            }
            String ns = name.substring(0, slash);
            String gw = name.substring(slash + 1);
            if (ns.isEmpty() || gw.isEmpty()) {
                findings.add(Code.INVALID_VALUE, g.path(), "config namespace and gateway name cannot be empty");
            } else if (!IstioNames.isLabel(ns) || !IstioNames.isLabel(gw)) {
                findings.add(Code.INVALID_VALUE, g.path(), "invalid value for namespace/gateway name: \"" + name + "\"");
            }
        }
    }

    private void httpRoute(RawField r, boolean delegateVs, boolean gatewayOnly) {
        conflicts(r, delegateVs);
        for (RawField m : r.items("match")) {
            if (!m.isNull()) {
                httpMatch(m, gatewayOnly);
            }
        }
        headerOperations(r.at("headers"));
        authorityOnce(r);
        RawField cors = r.at("corsPolicy");
        if (cors != null) {
            cors(cors);
        }
        RawField fault = r.at("fault");
        if (fault != null) {
            fault(fault);
        }
        mirrors(r);
        RawField redirect = r.at("redirect");
        if (redirect != null) {
            redirect(redirect, r.items("match"));
        }
        RawField direct = r.at("directResponse");
        if (direct != null) {
            directResponse(direct);
        }
        RawField retries = r.at("retries");
        if (retries != null) {
            retries(retries);
        }
        RawField rewrite = r.at("rewrite");
        if (rewrite != null) {
            rewrite(rewrite);
        }
        routeDestinations(r, true);
        findings.duration(r, "timeout");
    }

    /** A.2: which actions one HTTP rule may combine. */
    private void conflicts(RawField r, boolean delegateVs) {
        boolean route = !r.items("route").isEmpty();
        if (r.has("delegate") && !delegateVs) {
            if (r.has("redirect")) {
                findings.add(Code.CONFLICTING_ROUTE_ACTIONS, r.path(), "root HTTP route must not specify redirect");
            }
            if (r.has("route")) {
                findings.add(Code.CONFLICTING_ROUTE_ACTIONS, r.path(), "root HTTP route must not specify route");
            }
            return;
        }
        if (delegateVs && r.has("delegate")) {
            findings.add(Code.CONFLICTING_ROUTE_ACTIONS, r.path("delegate"), "delegate HTTP route cannot contain delegate");
        }
        if (r.has("redirect")) {
            for (String other : List.of("route", "fault", "rewrite", "directResponse")) {
                if (other.equals("route") ? route : r.has(other)) {
                    findings.add(Code.CONFLICTING_ROUTE_ACTIONS, r.path(), "HTTP route cannot contain both " + other
                            + " and redirect");
                }
            }
        } else if (r.has("directResponse")) {
            for (String other : List.of("route", "fault", "rewrite")) {
                if (other.equals("route") ? route : r.has(other)) {
                    findings.add(Code.CONFLICTING_ROUTE_ACTIONS, r.path(), "HTTP route cannot contain both " + other
                            + " and directResponse");
                }
            }
        } else if (!route) {
            findings.add(Code.ROUTE_WITHOUT_DESTINATION, r.path("route"), "HTTP route, redirect or directResponse is required");
        }
        if (r.has("mirror") && !r.items("mirrors").isEmpty()) {
            findings.add(Code.CONFLICTING_ROUTE_ACTIONS, r.path(), "HTTP route cannot contain both mirror and mirrors");
        }
    }

    private void httpMatch(RawField m, boolean gatewayOnly) {
        matchHeaders(m, "headers", gatewayOnly);
        matchHeaders(m, "withoutHeaders", gatewayOnly);
        stringMatch(m.at("uri"), true);
        for (String field : List.of("scheme", "method", "authority")) {
            stringMatch(m.at(field), false);
        }
        m.entries("queryParams").values().forEach(q -> stringMatch(q, false));
        findings.port(m, "port");
        labels(m.entries("sourceLabels"));
        gatewayNames(m.items("gateways"));
        String sourceNamespace = m.text("sourceNamespace");
        if (sourceNamespace != null && !sourceNamespace.isEmpty() && !IstioNames.isLabel(sourceNamespace)) {
            findings.add(Code.INVALID_VALUE, m.path("sourceNamespace"), "sourceNamespace match " + sourceNamespace
                    + " is invalid");
        }
    }

    private void matchHeaders(RawField m, String field, boolean gatewayOnly) {
        m.entries(field).forEach((name, match) -> {
            IstioNames.matchHeaderNameError(name).ifPresent(e -> findings.add(Code.INVALID_HEADER, match.path(), e));
            if (IstioNames.isJwtClaim(name) && !gatewayOnly) {
                findings.add(Code.INVALID_HEADER, match.path(), "JWT claim based routing (key: " + name
                        + ") is only supported for gateway, found no gateways");
            }
            if (match.isNull()) {
                if (field.equals("headers")) {
                    findings.add(Code.MISSING_FIELD, match.path(), "header match " + name + " cannot be null");
                }
            } else if (!(field.equals("withoutHeaders") && "*".equals(match.text("regex")))) {
                stringMatch(match, false);
            }
        });
    }

    /** A.3.2: only {@code uri} may have an empty prefix; a regex must be non-empty, short and RE2. */
    private void stringMatch(RawField s, boolean uri) {
        if (s == null) {
            return;
        }
        String prefix = s.text("prefix");
        if (!uri && prefix != null && prefix.isEmpty()) {
            findings.add(Code.INVALID_VALUE, s.path("prefix"), "prefix string match should not be empty");
        }
        String regex = s.text("regex");
        if (regex != null) {
            regex(regex, s.path("regex"));
        }
    }

    private void regex(String regex, String path) {
        if (regex.isEmpty()) {
            findings.add(Code.INVALID_REGEX, path, "regex string match should not be empty");
        } else if (regex.length() > REGEX_MAX) {
            findings.add(Code.INVALID_REGEX, path, "regex is too large, max length allowed is " + REGEX_MAX);
        } else {
            String problem = IstioNames.regexError(regex);
            if (problem != null) {
                findings.add(Code.INVALID_REGEX, path, "'" + regex + "' is not a valid RE2 expression (Istio uses RE2 "
                        + "style regex-based match): " + problem);
            }
        }
    }

    private void labels(Map<String, RawField> labels) {
        labels.forEach((key, value) -> IstioNames.labelError(key, value.text())
                .ifPresent(e -> findings.add(Code.INVALID_VALUE, value.path(), e)));
    }

    /** A.4.1 and A.4.2 for one {@code headers} block (a rule's or a destination's). */
    private void headerOperations(RawField headers) {
        if (headers == null) {
            return;
        }
        RawField request = headers.at("request");
        RawField response = headers.at("response");
        if (request != null) {
            setOrAdd(request, "set", IstioNames::requestSetNameError);
            setOrAdd(request, "add", IstioNames::requestSetNameError);
            removals(request);
        }
        if (response != null) {
            setOrAdd(response, "set", IstioNames::headerOperationNameError);
            setOrAdd(response, "add", IstioNames::headerOperationNameError);
            removals(response);
        }
    }

    private void setOrAdd(RawField operations, String field,
                          Function<String, Optional<String>> nameRule) {
        operations.entries(field).forEach((name, value) -> {
            nameRule.apply(name).ifPresent(e -> findings.add(Code.INVALID_HEADER, value.path(), e));
            String text = value.text();
            if (text != null) {
                IstioNames.headerValueError(text).ifPresent(e -> findings.add(Code.INVALID_HEADER, value.path(), e));
            }
        });
    }

    private void removals(RawField operations) {
        for (RawField name : operations.items("remove")) {
            String text = name.text();
            if (text != null) {
                IstioNames.headerOperationNameError(text).ifPresent(e -> findings.add(Code.INVALID_HEADER, name.path(), e));
            }
        }
    }

    /** A.4.3: the authority is rewritten in one place only. */
    private void authorityOnce(RawField r) {
        String current = r.at("rewrite") == null ? null : r.at("rewrite").text("authority");
        RawField request = r.at("headers") == null ? null : r.at("headers").at("request");
        if (request == null) {
            return;
        }
        for (String field : List.of("set", "add")) {
            for (Map.Entry<String, RawField> e : request.entries(field).entrySet()) {
                if (!IstioNames.isAuthority(e.getKey())) {
                    continue;
                }
                if (current != null && !current.isEmpty()) {
                    findings.add(Code.CONFLICTING_FIELDS, e.getValue().path(), "authority header cannot be set multiple "
                            + "times: have \"" + current + "\", attempting to set \"" + e.getValue().text() + "\"");
                    return;
                }
                current = e.getValue().text();
            }
        }
    }

    /** A.4.4. */
    private void cors(RawField cors) {
        for (RawField origin : cors.items("allowOrigins")) {
            int kinds = (origin.has("exact") ? 1 : 0) + (origin.has("prefix") ? 1 : 0) + (origin.has("regex") ? 1 : 0);
            String value = origin.text("exact") != null ? origin.text("exact")
                    : origin.text("prefix") != null ? origin.text("prefix") : origin.text("regex");
            if (kinds > 1) {
                findings.add(Code.AMBIGUOUS_STRING_MATCH, origin.path(), "set only one of exact, prefix and regex");
            } else if (value == null || value.isEmpty()) {
                findings.add(Code.INVALID_VALUE, origin.path(), "'' is not a valid match type for CORS allow origins");
            } else if (origin.has("regex")) {
                regex(value, origin.path("regex"));
            }
        }
        for (RawField method : cors.items("allowMethods")) {
            if (method.text() != null && !CORS_METHODS.contains(method.text())) {
                findings.add(Code.INVALID_VALUE, method.path(), "not a valid CORS method: " + method.text());
            }
        }
        for (String field : List.of("allowHeaders", "exposeHeaders")) {
            for (RawField header : cors.items(field)) {
                String name = header.text();
                if (name != null && !name.equals("*") && !IstioNames.isToken(name)) {
                    findings.add(Code.INVALID_HEADER, header.path(), name.isEmpty() ? "header name cannot be empty"
                            : "header name " + name + " is not a valid header name");
                }
            }
        }
        Duration maxAge = cors.duration("maxAge");
        if (maxAge != null) {
            Optional<String> problem = IstioNames.durationError(maxAge);
            if (problem.isPresent()) {
                findings.add(Code.INVALID_DURATION, cors.path("maxAge"), problem.get());
            } else if (maxAge.toNanos() % 1_000_000_000L != 0) {
                findings.add(Code.INVALID_DURATION, cors.path("maxAge"), "max_age duration is accurate only to seconds precision");
            }
        }
    }

    /** A.5.1–A.5.4. */
    private void fault(RawField f) {
        RawField abort = f.at("abort");
        RawField delay = f.at("delay");
        if (abort == null && delay == null) {
            findings.add(Code.INVALID_FAULT, f.path(), "HTTP fault injection must have an abort and/or a delay");
        }
        if (abort != null) {
            findings.oneOf(abort, "httpStatus", "grpcStatus", "http2Error");
            Long status = abort.integer("httpStatus");
            if (status != null && (status < 200 || status > 600)) {
                findings.add(Code.INVALID_FAULT, abort.path("httpStatus"), "invalid abort http status " + status
                        + ": must be in range 200-599");
            }
            String grpc = abort.text("grpcStatus");
            if (grpc != null && !IstioNames.isGrpcCodeName(grpc)) {
                findings.add(Code.INVALID_FAULT, abort.path("grpcStatus"), "invalid abort grpc status " + grpc
                        + ": must be a gRPC code name such as UNAVAILABLE");
            }
            if (abort.has("http2Error")) {
                findings.add(Code.INVALID_FAULT, abort.path("http2Error"), "HTTP/2 abort fault injection not supported yet");
            }
            faultPercentage(abort);
        }
        if (delay != null) {
            findings.oneOf(delay, "fixedDelay", "exponentialDelay");
            if (delay.has("exponentialDelay")) {
                findings.add(Code.INVALID_FAULT, delay.path("exponentialDelay"), "exponentialDelay not supported yet");
            }
            findings.duration(delay, "fixedDelay");
            faultPercentage(delay);
        }
    }

    private void faultPercentage(RawField block) {
        RawField percentage = block.at("percentage");
        Double value = percentage == null ? null : percentage.number("value");
        if (value != null && value != 0 && (value < 0.0001 || value > 100)) {
            findings.add(Code.INVALID_FAULT, percentage.path("value"), "percentage " + value
                    + " is neither 0.0, nor in range [0.0001, 100.0]");
        }
    }

    /** A.5.5. */
    private void mirrors(RawField r) {
        Long legacy = r.integer("mirrorPercent");
        if (r.has("mirrorPercent")) {
            if (legacy != null && legacy > 100) {
                findings.add(Code.INVALID_VALUE, r.path("mirrorPercent"), "mirror_percent must have a max value of 100 (it has "
                        + legacy + ")");
            }
            findings.warn(r.path("mirrorPercent"), "using deprecated setting \"mirrorPercent\", use \"mirrorPercentage\" instead");
        }
        percentage0to100(r.at("mirrorPercentage"), "mirror_percentage");
        RawField mirror = r.at("mirror");
        if (mirror != null) {
            destination(mirror, false);
        }
        for (RawField m : r.items("mirrors")) {
            RawField destination = m.at("destination");
            if (destination == null) {
                findings.add(Code.DESTINATION_WITHOUT_HOST, m.path("destination"), "destination is required for mirrors");
            } else {
                destination(destination, false);
            }
            percentage0to100(m.at("percentage"), "mirror percentage");
        }
    }

    private void percentage0to100(RawField percentage, String what) {
        Double value = percentage == null ? null : percentage.number("value");
        if (value != null && (value < 0 || value > 100)) {
            findings.add(Code.INVALID_VALUE, percentage.path("value"), what + " must be between 0 and 100 (it has "
                    + value + ")");
        }
    }

    /** A.5.6, each check returning on the first failure as Istio's does. */
    private void redirect(RawField redirect, List<RawField> matches) {
        findings.oneOf(redirect, "port", "derivePort");
        if (redirect.has("uri") && redirect.has("prefixRewrite")) {
            findings.add(Code.CONFLICTING_FIELDS, redirect.path(), "redirect may only specify one of uri or prefix_rewrite");
            return;
        }
        if (redirect.has("prefixRewrite") && matches.stream().anyMatch(m -> m.at("uri") == null
                                                                           || !m.at("uri").has("prefix"))) {
            findings.add(Code.INVALID_VALUE, redirect.path("prefixRewrite"),
                  "redirect prefix_rewrite requires every match to use a uri prefix");
            return;
        }
        if (!AdmissionFindings.nonEmpty(redirect, "uri") && !AdmissionFindings.nonEmpty(redirect, "prefixRewrite") && !AdmissionFindings.nonEmpty(redirect, "authority")
                && !redirect.has("port") && !redirect.has("derivePort") && !AdmissionFindings.nonEmpty(redirect, "scheme")) {
            findings.add(Code.INVALID_VALUE, redirect.path(), "redirect must specify URI, authority, port, or scheme");
            return;
        }
        Long code = redirect.integer("redirectCode");
        if (code != null && code != 0 && (code < 300 || code > 399)) {
            findings.add(Code.INVALID_VALUE, redirect.path("redirectCode"), "%d is not a valid redirect code, must be 3xx"
                    .formatted(code));
            return;
        }
        String scheme = redirect.text("scheme");
        if (scheme != null && !scheme.isEmpty() && !scheme.equals("http") && !scheme.equals("https")) {
            findings.add(Code.INVALID_VALUE, redirect.path("scheme"), "invalid redirect scheme, must be http or https");
            return;
        }
        findings.port(redirect, "port");
    }


    /** A.5.7 and the schema's one-of on the body. */
    private void directResponse(RawField direct) {
        Long status = direct.integer("status");
        if (status == null) {
            findings.add(Code.MISSING_FIELD, direct.path("status"), "directResponse.status is required");
        } else if (status < 200 || status > 600) {
            findings.add(Code.INVALID_VALUE, direct.path("status"), "invalid direct response status " + status
                    + ": must be in range 200-599");
        }
        RawField body = direct.at("body");
        if (body == null) {
            return;
        }
        findings.oneOf(body, "string", "bytes");
        String text = body.text("string") != null ? body.text("string") : body.text("bytes");
        int size = text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
        if (size > DIRECT_RESPONSE_MAX) {
            findings.add(Code.INVALID_VALUE, body.path(), "large direct_responses may impact control plane performance, "
                    + "must be less than 1MB");
        } else if (size > DIRECT_RESPONSE_WARN) {
            findings.warn(body.path(), "large direct_responses may impact control plane performance");
        }
    }

    /** A.5.9. */
    private void retries(RawField r) {
        Long attempts = r.integer("attempts");
        long n = attempts == null ? 0 : attempts;
        if (n < 0) {
            findings.add(Code.INVALID_RETRY_POLICY, r.path("attempts"), "attempts cannot be negative");
        }
        if (n == 0 && (r.has("perTryTimeout") || AdmissionFindings.nonEmpty(r, "retryOn") || r.has("retryRemoteLocalities"))) {
            findings.add(Code.INVALID_RETRY_POLICY, r.path("attempts"),
                  "http retry policy configured when attempts are set to 0 (disabled)");
        }
        findings.duration(r, "perTryTimeout");
        findings.duration(r, "backoff");
        String retryOn = r.text("retryOn");
        if (retryOn != null && !retryOn.isEmpty()) {
            for (String policy : retryOn.split(",", -1)) {
                if (!RETRY_ON.contains(policy) && !HttpStatusNames.isNamed(policy)) {
                    findings.add(Code.INVALID_RETRY_POLICY, r.path("retryOn"), "\"" + policy
                            + "\" is not a valid retryOn policy");
                }
            }
        }
    }

    /** A.5.8. */
    private void rewrite(RawField rewrite) {
        boolean uri = AdmissionFindings.nonEmpty(rewrite, "uri");
        RawField regex = rewrite.at("uriRegexRewrite");
        if (uri && regex != null) {
            findings.add(Code.CONFLICTING_FIELDS, rewrite.path(), "rewrite may only contain one of uri or uriRegexRewrite");
        }
        if (!uri && regex == null && !AdmissionFindings.nonEmpty(rewrite, "authority")) {
            findings.add(Code.INVALID_VALUE, rewrite.path(), "rewrite must specify uri, uriRegexRewrite, or authority");
        }
        if (regex != null) {
            if (!AdmissionFindings.nonEmpty(regex, "match") || regex.text("rewrite") == null) {
                findings.add(Code.MISSING_FIELD, regex.path(), "uriRegexRewrite requires both match and rewrite");
            } else {
                regex(regex.text("match"), regex.path("match"));
            }
        }
    }

    /** A.6 for the route list of an http, tcp or tls rule. */
    private void routeDestinations(RawField rule, boolean http) {
        List<RawField> routes = rule.items("route");
        long total = 0;
        for (RawField d : routes) {
            if (d.isNull()) {
                findings.add(Code.MISSING_FIELD, d.path(), "weight may not be nil");
                continue;
            }
            RawField destination = d.at("destination");
            if (destination == null) {
                findings.add(Code.DESTINATION_WITHOUT_HOST, d.path("destination"), "destination is required");
            } else {
                destination(destination, true);
            }
            Long weight = d.integer("weight");
            if (weight != null && weight < 0) {
                findings.add(Code.NEGATIVE_WEIGHT, d.path("weight"), "weight " + weight + " is negative");
            }
            total += weight == null ? 0 : Math.max(weight, 0);
            if (http) {
                headerOperations(d.at("headers"));
            }
        }
        if (routes.size() > 1 && total == 0) {
            findings.add(Code.ZERO_TOTAL_WEIGHT, rule.path("route"), "total destination weight = 0");
        }
    }

    /** A.6.2. */
    private void destination(RawField d, boolean route) {
        String host = d.text("host");
        if (host == null || host.isEmpty()) {
            findings.add(Code.DESTINATION_WITHOUT_HOST, d.path("host"), route ? "destination host is required"
                    : "mirror destination host is required");
        } else if (host.equals("*")) {
            findings.add(Code.INVALID_HOST, d.path("host"), "invalid destination host *");
        } else {
            IstioNames.wildcardDomainError(host).ifPresent(e -> findings.add(Code.INVALID_HOST, d.path("host"), e));
        }
        String subset = d.text("subset");
        if (subset != null && !subset.isEmpty() && !IstioNames.isLabel(subset)) {
            findings.add(Code.INVALID_SUBSET_NAME, d.path("subset"), "subset name is invalid: " + subset);
        }
        RawField port = d.at("port");
        Long number = port == null ? null : port.integer("number");
        if (number != null && !IstioNames.isPort(number)) {
            findings.add(Code.INVALID_VALUE, port.path("number"), "port number " + number + " must be in the range 1..65535");
        }
    }

    /** A.8. */
    private void tcpRoute(RawField tcp) {
        if (tcp.isNull()) {
            findings.add(Code.MISSING_FIELD, tcp.path(), "tcp route may not be null");
            return;
        }
        for (RawField m : tcp.items("match")) {
            if (m.isNull()) {
                findings.add(Code.MISSING_FIELD, m.path(), "tcp match may not be nil");
            } else {
                l4Match(m);
            }
        }
        if (tcp.items("route").isEmpty()) {
            findings.add(Code.ROUTE_WITHOUT_DESTINATION, tcp.path("route"), "TCP route is required");
        }
        routeDestinations(tcp, false);
    }

    /** A.7. */
    private void tlsRoute(RawField tls, List<String> hosts) {
        if (tls.isNull()) {
            findings.add(Code.MISSING_FIELD, tls.path(), "tls route may not be null");
            return;
        }
        if (tls.items("match").isEmpty()) {
            findings.add(Code.MISSING_FIELD, tls.path("match"), "TLS route must have at least one match condition");
        }
        for (RawField m : tls.items("match")) {
            if (m.isNull()) {
                continue;
            }
            List<RawField> sni = m.items("sniHosts");
            if (sni.isEmpty()) {
                findings.add(Code.MISSING_FIELD, m.path("sniHosts"), "TLS match must have at least one SNI host");
            }
            for (RawField s : sni) {
                sniHost(s, hosts);
            }
            l4Match(m);
        }
        if (tls.items("route").isEmpty()) {
            findings.add(Code.ROUTE_WITHOUT_DESTINATION, tls.path("route"), "TLS route is required");
        }
        routeDestinations(tls, false);
    }

    private void sniHost(RawField s, List<String> hosts) {
        String sni = s.text();
        if (sni == null) {
            return;
        }
        if (IstioNames.isIpAddress(sni)) {
            findings.warn(s.path(), "using an IP address (" + sni + ") goes against SNI spec and most clients do not support"
                    + " this");
            return;
        }
        Optional<String> problem = IstioNames.wildcardDomainError(sni);
        if (problem.isPresent()) {
            findings.add(Code.INVALID_HOST, s.path(), problem.get());
        } else if (hosts.stream().noneMatch(h -> IstioNames.hostWithin(sni, h))) {
            findings.add(Code.INVALID_HOST, s.path(), "SNI host \"" + sni
                    + "\" is not a compatible subset of any of the virtual service hosts");
        }
    }

    private void l4Match(RawField m) {
        for (RawField subnet : m.items("destinationSubnets")) {
            String text = subnet.text();
            if (text != null && !IstioNames.isIpOrCidr(text)) {
                findings.add(Code.INVALID_VALUE, subnet.path(), "\"" + text + "\" is not a valid IP address or CIDR");
            }
        }
        findings.port(m, "port");
        labels(m.entries("sourceLabels"));
        gatewayNames(m.items("gateways"));
    }




}
