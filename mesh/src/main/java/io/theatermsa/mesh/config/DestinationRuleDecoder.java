package io.theatermsa.mesh.config;

import java.util.List;

/** Maps a DestinationRule's {@code spec} to the model; type problems become diagnostics. */
final class DestinationRuleDecoder {

    private DestinationRuleDecoder() {
    }

    static DestinationRule decode(SpecNode spec) {
        SpecNode selector = spec.object("workloadSelector");
        List<Subset> subsets = spec.list("subsets").stream()
                .map(s -> new Subset(s.text("name"), s.stringMap("labels"), trafficPolicy(s.object("trafficPolicy")),
                                     s.path(), spec.meta()))
                .toList();
        return new DestinationRule(spec.meta(), spec.text("host"), trafficPolicy(spec.object("trafficPolicy")),
                                   subsets, spec.strings("exportTo"),
                                   selector == null ? null : selector.stringMap("matchLabels"), spec.raw());
    }

    private static TrafficPolicy trafficPolicy(SpecNode p) {
        if (p == null) {
            return TrafficPolicy.NONE;
        }
        for (String ignored : List.of("portLevelSettings", "tunnel", "proxyProtocol", "retryBudget")) {
            if (p.has(ignored)) {
                p.report(Code.NOT_EMULATED, ignored, "is parsed by Istio but not emulated locally");
            }
        }
        return new TrafficPolicy(loadBalancer(p.object("loadBalancer")), connectionPool(p.object("connectionPool")),
                                 outlierDetection(p.object("outlierDetection")), tls(p));
    }

    /**
     * The {@code tls} block; a mode that is not Istio's is left to admission and read as auto mTLS. SIMPLE and
     * MUTUAL (TLS with the application's own certificates) are not emulated between pods, only their effect on
     * the other network's endpoints (§11.9).
     */
    private static TlsSettings tls(SpecNode policy) {
        SpecNode tls = policy.object("tls");
        if (tls == null) {
            return null;
        }
        String mode = tls.text("mode");
        if (mode == null) {
            return new TlsSettings(TlsSettings.Mode.DISABLE);
        }
        return switch (mode) {
            case "DISABLE" -> new TlsSettings(TlsSettings.Mode.DISABLE);
            case "ISTIO_MUTUAL" -> new TlsSettings(TlsSettings.Mode.ISTIO_MUTUAL);
            case "SIMPLE", "MUTUAL" -> {
                tls.report(Code.NOT_EMULATED, "mode", mode + " (TLS with the application's own certificates) is "
                        + "not emulated between pods: the local hop uses auto mTLS; the other cluster's endpoints "
                        + "are dropped as Istio does");
                yield new TlsSettings(TlsSettings.Mode.valueOf(mode));
            }
            default -> null;
        };
    }

    private static LoadBalancerSettings loadBalancer(SpecNode lb) {
        if (lb == null) {
            return null;
        }
        SpecNode l = lb.object("localityLbSetting");
        LoadBalancerSettings.LocalityLbSetting locality = l == null ? null
                : new LoadBalancerSettings.LocalityLbSetting(l.bool("enabled"),
                        l.list("distribute").stream()
                                .map(d -> new LoadBalancerSettings.Distribute(d.text("from"), d.integerMap("to")))
                                .toList(),
                        l.list("failover").stream()
                                .map(f -> new LoadBalancerSettings.Failover(f.text("from"), f.text("to")))
                                .toList(),
                        l.strings("failoverPriority"));
        return new LoadBalancerSettings(lb.text("simple"), lb.has("consistentHash"), locality);
    }

    private static ConnectionPoolSettings connectionPool(SpecNode c) {
        if (c == null) {
            return null;
        }
        SpecNode t = c.object("tcp");
        SpecNode h = c.object("http");
        return new ConnectionPoolSettings(
                t == null ? null : new ConnectionPoolSettings.Tcp(t.integer("maxConnections"),
                        t.duration("connectTimeout"), t.duration("maxConnectionDuration"), t.duration("idleTimeout")),
                h == null ? null : new ConnectionPoolSettings.Http(h.integer("http1MaxPendingRequests"),
                        h.integer("http2MaxRequests"), h.integer("maxRequestsPerConnection"), h.integer("maxRetries"),
                        h.duration("idleTimeout"), h.text("h2UpgradePolicy"), h.bool("useClientProtocol"),
                        h.integer("maxConcurrentStreams")));
    }

    private static OutlierDetection outlierDetection(SpecNode o) {
        if (o == null) {
            return null;
        }
        return new OutlierDetection(o.integer("consecutiveErrors"), o.integer("consecutive5xxErrors"),
                o.integer("consecutiveGatewayErrors"), o.integer("consecutiveLocalOriginFailures"),
                o.bool("splitExternalLocalOriginErrors"), o.duration("interval"), o.duration("baseEjectionTime"),
                o.integer("maxEjectionPercent"), o.integer("minHealthPercent"));
    }
}
