package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.LoadBalancerSettings;
import io.theatermsa.mesh.config.Text;

/**
 * {@code localityLbSetting.failover} or {@code failoverPriority} that cannot take effect: without
 * {@code outlierDetection} in the same DestinationRule no endpoint is ever unhealthy, and with {@code enabled: false}
 * locality load balancing is off (mesh-semantics §6.10, multicluster.md §3).
 */
final class FailoverWithoutOutlierDetectionRule implements LintRule {

    @Override
    public void check(LintInput input, Diagnostics out) {
        input.merged().stream().flatMap(rule -> PolicySite.of(rule).stream()).forEach(site -> {
            LoadBalancerSettings lb = site.written().loadBalancer();
            LoadBalancerSettings.LocalityLbSetting locality = lb == null ? null : lb.locality();
            if (locality == null || locality.failover().isEmpty() && locality.failoverPriority().isEmpty()) {
                return;
            }
            String field = site.path() + ".loadBalancer.localityLbSetting";
            if (Boolean.FALSE.equals(locality.enabled())) {
                out.add(Code.FAILOVER_WITHOUT_OUTLIER_DETECTION, site.meta(), field + ".enabled",
                        new Text("enabled: false 라서 failover 설정은 아무 일도 하지 않습니다",
                                 "enabled: false turns locality load balancing off, so the failover setting does nothing"),
                        null);
            } else if (site.effective().outlierDetection() == null) {
                out.add(Code.FAILOVER_WITHOUT_OUTLIER_DETECTION, site.meta(), field,
                        new Text("같은 DestinationRule 에 outlierDetection 이 없어 failover 는 아무 일도 하지 않습니다",
                                 "without outlierDetection in the same DestinationRule the failover does nothing"),
                        new Text("Istio 는 outlierDetection 이 있을 때만 우선순위를 나눕니다; 없으면 어떤 엔드포인트도 비정상이 되지 않습니다",
                                 "Istio assigns failover priorities only with outlierDetection; without it no endpoint ever turns unhealthy"));
            }
        });
    }
}
