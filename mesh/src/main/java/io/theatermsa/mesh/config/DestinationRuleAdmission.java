package io.theatermsa.mesh.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Istio's validating webhook and the v1 CRD schema refuse in one DestinationRule (istio-validation.md B, C, D),
 * read from the spec as written. Warnings inside a subset's or a port's policy are dropped, as Istio's error-typed
 * helpers drop them (A.9). The model-based findings (not emulated, labels missing) stay in
 * {@link DestinationRuleValidator}.
 */
final class DestinationRuleAdmission {

    private static final Set<String> LB_SIMPLE =
            Set.of("UNSPECIFIED", "LEAST_CONN", "RANDOM", "PASSTHROUGH", "ROUND_ROBIN", "LEAST_REQUEST");
    private static final Set<String> TLS_MODES = Set.of("DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL");
    private static final Set<String> H2_UPGRADE = Set.of("DEFAULT", "DO_NOT_UPGRADE", "UPGRADE");
    private static final Set<String> TOPOLOGY_LABELS =
            Set.of("topology.kubernetes.io/region", "topology.kubernetes.io/zone", "topology.istio.io/subzone");
    private static final long MAGLEV_MAX = 5_000_011L;

    private final AdmissionFindings findings;
    /** Whether the rule has a {@code workloadSelector}: with {@code credentialName} it waives IST0128. */
    private final boolean selectsWorkloads;

    private DestinationRuleAdmission(AdmissionFindings findings, boolean selectsWorkloads) {
        this.findings = findings;
        this.selectsWorkloads = selectsWorkloads;
    }

    static void check(RawField spec, AdmissionFindings findings) {
        new DestinationRuleAdmission(findings, spec.has("workloadSelector")).destinationRule(spec);
    }

    private void destinationRule(RawField spec) {
        String host = spec.text("host");
        if (host == null || host.isEmpty()) {
            findings.add(Code.MISSING_HOST, spec.path("host"), "host is required");
        } else {
            IstioNames.wildcardDomainError(host).ifPresent(e -> findings.add(Code.INVALID_HOST, spec.path("host"), e));
        }
        RawField policy = spec.at("trafficPolicy");
        if (policy != null) {
            trafficPolicy(policy, true);
        }
        Set<String> names = new HashSet<>();
        for (RawField subset : spec.items("subsets")) {
            if (subset.isNull()) {
                findings.add(Code.MISSING_FIELD, subset.path(), "subset may not be null");
                continue;
            }
            subset(subset, names);
        }
        ExportTo.check(spec, findings);
        RawField selector = spec.at("workloadSelector");
        if (selector != null) {
            workloadSelector(selector, spec);
        }
    }

    private void subset(RawField subset, Set<String> names) {
        String name = subset.text("name");
        if (name == null || name.isEmpty()) {
            findings.add(Code.INVALID_SUBSET_NAME, subset.path("name"), "subset name cannot be empty");
        } else if (!names.add(name)) {
            findings.add(Code.DUPLICATE_SUBSET_NAME, subset.path("name"), "duplicate subset name '" + name + "'");
        } else if (!IstioNames.isLabel(name)) {
            findings.add(Code.INVALID_SUBSET_NAME, subset.path("name"), "subset name is invalid: " + name);
        }
        subset.entries("labels").forEach((key, value) -> IstioNames.labelError(key, value.text())
                .ifPresent(e -> findings.add(Code.INVALID_VALUE, value.path(), e)));
        RawField policy = subset.at("trafficPolicy");
        if (policy != null) {
            trafficPolicy(policy, false);
        }
    }

    /** B.2–B.10 for a top-level or subset policy; {@code warnings} is false where Istio drops them. */
    private void trafficPolicy(RawField p, boolean warnings) {
        List<String> fields = List.of("outlierDetection", "connectionPool", "loadBalancer", "tls", "portLevelSettings",
                                      "tunnel", "proxyProtocol", "retryBudget");
        if (fields.stream().noneMatch(p::has)) {
            findings.add(Code.EMPTY_POLICY, p.path(), "traffic policy must have at least one field");
            return;
        }
        if (p.has("tunnel") && p.has("proxyProtocol")) {
            findings.add(Code.CONFLICTING_FIELDS, p.path(), "tunnel and proxyProtocol must not be set together");
            return;
        }
        portPolicy(p, warnings);
        for (RawField port : p.items("portLevelSettings")) {
            portLevel(port);
        }
        RawField tunnel = p.at("tunnel");
        if (tunnel != null) {
            tunnel(tunnel);
        }
        RawField proxy = p.at("proxyProtocol");
        String version = proxy == null ? null : proxy.text("version");
        if (version != null && !version.equals("V1") && !version.equals("V2")) {
            findings.add(Code.INVALID_VALUE, proxy.path("version"), "proxy protocol version is invalid: " + version);
        }
        RawField budget = p.at("retryBudget");
        Double percent = budget == null || budget.at("percent") == null ? null : budget.at("percent").number("value");
        if (percent != null && (percent < 0 || percent > 100)) {
            findings.add(Code.INVALID_VALUE, budget.path("percent"), "retryBudget.percent must be between 0 and 100");
        }
    }

    /** What a top-level, subset and port-level policy share: outlier detection, pool, load balancer, TLS. */
    private void portPolicy(RawField p, boolean warnings) {
        RawField od = p.at("outlierDetection");
        if (od != null) {
            outlierDetection(od);
        }
        RawField pool = p.at("connectionPool");
        if (pool != null) {
            connectionPool(pool);
        }
        RawField lb = p.at("loadBalancer");
        if (lb != null) {
            loadBalancer(lb, warnings);
        }
        RawField tls = p.at("tls");
        if (tls != null) {
            tls(tls);
        }
    }

    private void portLevel(RawField port) {
        if (port.isNull()) {
            findings.add(Code.MISSING_FIELD, port.path(), "traffic policy may not be null");
            return;
        }
        if (!port.has("port")) {
            findings.add(Code.MISSING_FIELD, port.path("port"), "portTrafficPolicy must have valid port");
        }
        if (List.of("outlierDetection", "connectionPool", "loadBalancer", "tls").stream().noneMatch(port::has)) {
            findings.add(Code.EMPTY_POLICY, port.path(), "port traffic policy must have at least one field");
        } else {
            portPolicy(port, false);
        }
    }

    /** B.5. */
    private void outlierDetection(RawField od) {
        findings.duration(od, "baseEjectionTime");
        findings.duration(od, "interval");
        Long localOrigin = od.integer("consecutiveLocalOriginFailures");
        if (localOrigin != null && localOrigin > 0 && !Boolean.TRUE.equals(od.bool("splitExternalLocalOriginErrors"))) {
            findings.add(Code.CONFLICTING_FIELDS, od.path("consecutiveLocalOriginFailures"), "outlier detection consecutive "
                    + "local origin failures is specified, but split external local origin errors is set to false");
        }
        for (String field : List.of("maxEjectionPercent", "minHealthPercent")) {
            Long v = od.integer(field);
            if (v != null && (v < 0 || v > 100)) {
                findings.add(Code.INVALID_VALUE, od.path(field), "percentage " + v + " is not in range 0..100");
            }
        }
        for (String field : List.of("consecutive5xxErrors", "consecutiveGatewayErrors", "consecutiveLocalOriginFailures")) {
            Long v = od.integer(field);
            if (v != null && v < 0) {
                findings.add(Code.INVALID_VALUE, od.path(field), "must be 0 or more (an unsigned 32-bit integer)");
            }
        }
    }

    /** B.6. */
    private void connectionPool(RawField pool) {
        RawField http = pool.at("http");
        RawField tcp = pool.at("tcp");
        if (http == null && tcp == null) {
            findings.add(Code.EMPTY_POLICY, pool.path(), "connection pool must have at least one field");
            return;
        }
        if (http != null) {
            for (String field : List.of("http1MaxPendingRequests", "http2MaxRequests", "maxRequestsPerConnection",
                                        "maxRetries", "maxConcurrentStreams")) {
                findings.nonNegative(http, field);
            }
            findings.duration(http, "idleTimeout");
            findings.enumValue(http, "h2UpgradePolicy", H2_UPGRADE);
            if ("UPGRADE".equals(http.text("h2UpgradePolicy")) && Boolean.TRUE.equals(http.bool("useClientProtocol"))) {
                findings.add(Code.CONFLICTING_FIELDS, http.path("useClientProtocol"),
                      "use client protocol must not be true when H2UpgradePolicy is UPGRADE");
            }
            RawField keepalive = http.at("http2KeepAlive");
            if (keepalive != null) {
                for (String field : List.of("interval", "timeout")) {
                    if (!keepalive.has(field)) {
                        findings.add(Code.MISSING_FIELD, keepalive.path(field), "http2 keepalive " + field + " is required");
                    }
                    findings.duration(keepalive, field);
                }
            }
        }
        if (tcp != null) {
            findings.nonNegative(tcp, "maxConnections");
            findings.duration(tcp, "connectTimeout");
            findings.duration(tcp, "maxConnectionDuration");
            Duration idle = tcp.duration("idleTimeout");
            if (idle != null && idle.toMillis() != 0) {
                findings.duration(tcp, "idleTimeout");
            }
            RawField keepalive = tcp.at("tcpKeepalive");
            if (keepalive != null) {
                findings.duration(keepalive, "time");
                findings.duration(keepalive, "interval");
            }
        }
    }

    /** B.7, B.8 and the schema's one-ofs and enum. */
    private void loadBalancer(RawField lb, boolean warnings) {
        findings.oneOf(lb, "simple", "consistentHash", "backendUtilization");
        findings.enumValue(lb, "simple", LB_SIMPLE);
        RawField hash = lb.at("consistentHash");
        if (hash != null) {
            consistentHash(hash, warnings);
        }
        if (lb.has("localityLbSetting") && lb.has("zoneAwareLbSetting")) {
            findings.add(Code.CONFLICTING_FIELDS, lb.path(), "only one of localityLbSetting and zoneAwareLbSetting can be set");
        }
        RawField locality = lb.at("localityLbSetting");
        if (locality != null) {
            locality(locality);
        }
        RawField warmup = lb.at("warmup");
        if (warmup != null) {
            if (!warmup.has("duration")) {
                findings.add(Code.MISSING_FIELD, warmup.path("duration"), "duration is required");
            }
            findings.duration(warmup, "duration");
            RawField minimum = warmup.at("minimumPercent");
            Double min = minimum == null ? null : minimum.number("value");
            if (min != null && (min > 100 || min < 0)) {
                findings.add(Code.INVALID_VALUE, warmup.path("minimumPercent"),
                      "minimumPercent value should be less than or equal to 100");
            }
            RawField aggression = warmup.at("aggression");
            Double value = aggression == null ? null : aggression.number("value");
            if (value != null && value <= 0) {
                findings.add(Code.INVALID_VALUE, warmup.path("aggression"), "aggression should be greater than 0");
            }
        }
        findings.duration(lb, "warmupDurationSecs");
    }

    private void consistentHash(RawField hash, boolean warnings) {
        findings.oneOf(hash, "httpHeaderName", "httpCookie", "useSourceIp", "httpQueryParameterName");
        findings.oneOf(hash, "ringHash", "maglev");
        RawField cookie = hash.at("httpCookie");
        if (cookie != null) {
            String name = cookie.text("name");
            if (name == null || name.isEmpty()) {
                findings.add(Code.MISSING_FIELD, cookie.path("name"), "name required for HttpCookie");
            }
            Set<String> attributes = new HashSet<>();
            for (RawField attribute : cookie.items("attributes")) {
                String attributeName = attribute.text("name");
                if (attributeName == null || attributeName.isEmpty()) {
                    findings.add(Code.MISSING_FIELD, attribute.path("name"), "cookie attribute name cannot be empty");
                } else if (!attributes.add(attributeName)) {
                    findings.add(Code.INVALID_VALUE, attribute.path("name"), "duplicate cookie attribute name: "
                            + attributeName);
                }
            }
            findings.duration(cookie, "ttl");
        }
        Long ring = hash.integer("minimumRingSize");
        if (ring != null && ring != 0) {
            if (warnings) {
                findings.warn(hash.path("minimumRingSize"), "consistent hash MinimumRingSize is deprecated, use "
                        + "ConsistentHashLB's RingHash configuration instead");
            }
            if (hash.has("ringHash") || hash.has("maglev")) {
                findings.add(Code.CONFLICTING_FIELDS, hash.path(), "only one of MinimumRingSize or Maglev/Ringhash can be "
                        + "specified");
            }
        }
        RawField maglev = hash.at("maglev");
        if (maglev != null) {
            Long size = maglev.integer("tableSize");
            long n = size == null ? 0 : size;
            if (n == 0) {
                findings.add(Code.INVALID_VALUE, maglev.path("tableSize"), "tableSize must be set for maglev");
            } else if (n >= MAGLEV_MAX) {
                findings.add(Code.INVALID_VALUE, maglev.path("tableSize"), "tableSize must be less than 5000011 for maglev");
            } else if (!isPrime(n)) {
                findings.add(Code.INVALID_VALUE, maglev.path("tableSize"), "tableSize must be a prime number for maglev");
            }
        }
    }

    private static boolean isPrime(long x) {
        if (x > 0 && x < 4) {
            return true;
        }
        if (x % 2 == 0 || x < 0) {
            return false;
        }
        for (long f = 3; f * f <= x; f += 2) {
            if (x % f == 0) {
                return false;
            }
        }
        return true;
    }

    /** B.8. */
    private void locality(RawField l) {
        List<RawField> distribute = l.items("distribute");
        List<RawField> failover = l.items("failover");
        List<String> priority = l.strings("failoverPriority");
        if (!distribute.isEmpty() && !failover.isEmpty()) {
            findings.add(Code.CONFLICTING_FIELDS, l.path(), "can not simultaneously specify 'distribute' and 'failover'");
            return;
        }
        if (!failover.isEmpty()) {
            for (String label : priority) {
                if (TOPOLOGY_LABELS.contains(label)) {
                    findings.add(Code.CONFLICTING_FIELDS, l.path("failoverPriority"), "can not simultaneously set "
                            + "'failover' and topology label '" + label + "' in 'failover_priority'");
                    return;
                }
            }
        }
        List<String> sources = new ArrayList<>();
        for (RawField d : distribute) {
            sources.add(d.text("from") == null ? "" : d.text("from"));
            long total = 0;
            for (Map.Entry<String, RawField> to : d.entries("to").entrySet()) {
                Long weight = to.getValue().node().canConvertToLong() ? to.getValue().node().longValue() : null;
                if (weight == null || weight <= 0 || weight > 100) {
                    findings.add(Code.INVALID_VALUE, to.getValue().path(), "locality weight must be in range [1, 100]");
                    return;
                }
                total += weight;
            }
            if (total != 100) {
                findings.add(Code.INVALID_VALUE, d.path("to"), "total locality weight " + total + " != 100");
                return;
            }
            localities(new ArrayList<>(d.entries("to").keySet()), d.path("to"));
        }
        localities(sources, l.path("distribute"));
        for (RawField f : failover) {
            String from = f.text("from") == null ? "" : f.text("from");
            String to = f.text("to") == null ? "" : f.text("to");
            if (from.equals(to)) {
                findings.add(Code.INVALID_VALUE, f.path(), "locality lb failover settings must specify different regions");
            }
            if (from.contains("/") || to.contains("/")) {
                findings.add(Code.INVALID_VALUE, f.path(), "locality lb failover only specify region");
            }
            if (from.contains("*") || to.contains("*")) {
                findings.add(Code.INVALID_VALUE, f.path(), "locality lb failover region should not contain '*' wildcard");
            }
        }
    }

    /** One {@code *}, only at the end; no empty part; no locality covered by an earlier one. */
    private void localities(List<String> localities, String path) {
        List<String> seen = new ArrayList<>();
        for (String locality : localities) {
            long stars = locality.chars().filter(c -> c == '*').count();
            if (stars > 1 || stars == 1 && !locality.endsWith("*")) {
                findings.add(Code.INVALID_VALUE, path, "locality " + locality
                        + " wildcard '*' number can not exceed 1 and must be in the end");
                return;
            }
            String[] parts = locality.split("/", -1);
            if (locality.isEmpty() || parts.length > 3 || Arrays.stream(parts).anyMatch(String::isEmpty)) {
                findings.add(Code.INVALID_VALUE, path, "locality " + locality
                        + " must not contain empty region/zone/subzone info");
                return;
            }
            String self = locality.endsWith("*") ? locality.substring(0, locality.length() - 1) : locality + "/";
            for (String earlier : seen) {
                if (self.startsWith(earlier) || earlier.startsWith(self)) {
                    findings.add(Code.INVALID_VALUE, path, "locality " + locality + " overlap with previous specified ones");
                    return;
                }
            }
            seen.add(self);
        }
    }

    /** B.9. */
    private void tls(RawField tls) {
        findings.enumValue(tls, "mode", TLS_MODES);
        String mode = tls.text("mode");
        boolean simpleOrMutual = "SIMPLE".equals(mode) || "MUTUAL".equals(mode);
        String credential = tls.text("credentialName");
        boolean hasCredential = credential != null && !credential.isEmpty();
        if (hasCredential && credential.startsWith("configmap://")) {
            String rest = credential.substring("configmap://".length());
            int slash = rest.indexOf('/');
            if (rest.isEmpty() || slash >= 0 && !rest.substring(0, slash).equals(findings.meta().namespace())) {
                findings.add(Code.INVALID_TLS_SETTINGS, tls.path("credentialName"), "invalid configmap:// credentialName: "
                        + "namespace must match the configuration namespace \"" + findings.meta().namespace() + "\"");
            }
        }
        if (Boolean.TRUE.equals(tls.bool("insecureSkipVerify"))) {
            boolean ca = AdmissionFindings.nonEmpty(tls, "caCertificates");
            boolean san = tls.has("subjectAltNames");
            if ("SIMPLE".equals(mode) && (ca || hasCredential || san)) {
                findings.add(Code.INVALID_TLS_SETTINGS, tls.path("insecureSkipVerify"), "cannot specify CaCertificates or "
                        + "CredentialName or SubjectAltNames when InsecureSkipVerify is set true");
            }
            if ("MUTUAL".equals(mode) && (ca || san)) {
                findings.add(Code.INVALID_TLS_SETTINGS, tls.path("insecureSkipVerify"), "cannot specify CaCertificates or "
                        + "SubjectAltNames when InsecureSkipVerify is set true");
            }
        }
        if (simpleOrMutual && !AdmissionFindings.nonEmpty(tls, "caCertificates")
            && !(hasCredential && selectsWorkloads)) {
            findings.add(Code.NO_SERVER_CERTIFICATE_VERIFICATION, tls.path("mode"), "DestinationRule "
                    + findings.meta().key() + " in " + mode + " mode has no caCertificates: the server certificate is "
                    + "not verified");
        }
        if (simpleOrMutual && hasCredential) {
            if (List.of("clientCertificate", "caCertificates", "privateKey", "caCrl").stream()
                    .anyMatch(f -> AdmissionFindings.nonEmpty(tls, f))) {
                findings.add(Code.INVALID_TLS_SETTINGS, tls.path("credentialName"), "cannot specify client certificates or "
                        + "CA certificate or CA CRL If credentialName is set");
            }
            return;
        }
        if ("MUTUAL".equals(mode)) {
            if (!AdmissionFindings.nonEmpty(tls, "clientCertificate")) {
                findings.add(Code.INVALID_TLS_SETTINGS, tls.path("clientCertificate"), "client certificate required for "
                        + "mutual tls");
            }
            if (!AdmissionFindings.nonEmpty(tls, "privateKey")) {
                findings.add(Code.INVALID_TLS_SETTINGS, tls.path("privateKey"), "private key required for mutual tls");
            }
        }
    }

    /** B.3. */
    private void tunnel(RawField tunnel) {
        String protocol = tunnel.text("protocol");
        if (protocol != null && !protocol.isEmpty() && !protocol.equals("CONNECT") && !protocol.equals("POST")) {
            findings.add(Code.INVALID_VALUE, tunnel.path("protocol"), "tunnel protocol must be \"CONNECT\" or \"POST\"");
        }
        String target = tunnel.text("targetHost");
        if (target == null || IstioNames.fqdnError(target).isPresent() && !IstioNames.isIpAddress(target)) {
            findings.add(Code.INVALID_VALUE, tunnel.path("targetHost"), "tunnel target host must be valid FQDN or IP address");
        }
        Long port = tunnel.integer("targetPort");
        if (port == null || !IstioNames.isPort(port)) {
            findings.add(Code.INVALID_VALUE, tunnel.path("targetPort"), "tunnel target port is invalid: port number "
                    + port + " must be in the range 1..65535");
        }
    }

    /** B.11. */
    private void workloadSelector(RawField selector, RawField spec) {
        Map<String, RawField> labels = selector.entries("matchLabels");
        labels.forEach((key, value) -> {
            String v = value.text() == null ? "" : value.text();
            if (key.isEmpty()) {
                findings.add(Code.INVALID_VALUE, value.path(), "empty key is not supported in selector");
            }
            if (key.contains("*") || v.contains("*")) {
                findings.add(Code.INVALID_VALUE, value.path(), "wildcard is not supported in selector: \"" + key + "=" + v
                        + "\"");
            }
        });
        if (labels.isEmpty()) {
            findings.warn(selector.path(), "workload selector specified without labels");
        }
        List<String> exportTo = spec.strings("exportTo");
        if (exportTo.size() > 1) {
            findings.add(Code.INVALID_EXPORT_TO, spec.path("exportTo"), "destination rule with workload selector cannot have"
                    + " multiple entries in exportTo");
        } else if (exportTo.size() == 1 && !exportTo.getFirst().equals(".")
                   && !exportTo.getFirst().equals(findings.meta().namespace())) {
            findings.add(Code.INVALID_EXPORT_TO, spec.path("exportTo"), "destination rule with workload selector cannot "
                    + "have exportTo beyond current namespace");
        }
    }







}
