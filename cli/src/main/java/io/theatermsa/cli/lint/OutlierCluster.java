package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.MergedDestinationRule;
import io.theatermsa.mesh.config.OutlierDetection;

import java.util.ArrayList;
import java.util.List;

/**
 * An Envoy cluster with outlier detection, and the fewest hosts any caller cluster sees in it: what decides whether
 * a host can be ejected at all (mesh-semantics §6.5, §6.7, §6.11).
 *
 * @param site     where the cluster's policy comes from
 * @param detector its effective {@code outlierDetection}
 * @param view     the smallest caller view
 */
record OutlierCluster(PolicySite site, OutlierDetection detector, HostView view) {

    /** Istio's {@code maxEjectionPercent} when the field is omitted (mesh-semantics §6.2). */
    static final int DEFAULT_MAX_EJECTION_PERCENT = 10;

    /** Every cluster with outlier detection whose host has a known Service with pods. */
    static List<OutlierCluster> of(LintInput input) {
        List<OutlierCluster> clusters = new ArrayList<>();
        for (MergedDestinationRule rule : input.merged()) {
            input.inventory().service(rule.host()).ifPresent(service -> PolicySite.of(rule).stream()
                    .filter(site -> site.effective().outlierDetection() != null)
                    .forEach(site -> HostView.smallest(input.inventory().endpoints(service, site.subsetLabels()),
                                                       input.inventory().clusters())
                            .ifPresent(view -> clusters.add(
                                    new OutlierCluster(site, site.effective().outlierDetection(), view)))));
        }
        return clusters;
    }

    int maxEjectionPercent() {
        return detector.maxEjectionPercent() == null ? DEFAULT_MAX_EJECTION_PERCENT : detector.maxEjectionPercent();
    }

    /** {@code maxEjectionPercent 50}, or {@code maxEjectionPercent 10 (default)} when omitted. */
    String maxEjectionPercentText() {
        return "maxEjectionPercent " + maxEjectionPercent() + (detector.maxEjectionPercent() == null ? " (default)" : "");
    }
}
