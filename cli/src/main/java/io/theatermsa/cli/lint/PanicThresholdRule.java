package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.Text;

import java.util.Locale;

/**
 * {@code minHealthPercent} above what is left after one ejection: the cluster goes into panic and Envoy balances
 * over every host, ejected ones included (mesh-semantics §6.7, envoyproxy/envoy#2671).
 */
final class PanicThresholdRule implements LintRule {

    @Override
    public void check(LintInput input, Diagnostics out) {
        for (OutlierCluster cluster : OutlierCluster.of(input)) {
            Integer minHealth = cluster.detector().minHealthPercent();
            int hosts = cluster.view().hosts();
            double healthyAfterOne = 100.0 * (hosts - 1) / hosts;
            if (minHealth == null || minHealth <= 0 || healthyAfterOne >= minHealth) {
                continue;
            }
            String healthy = String.format(Locale.ROOT, "%.0f%%", healthyAfterOne);
            Text what = cluster.site().describe();
            Text view = cluster.view().describe();
            out.add(Code.PANIC_KEEPS_EJECTED_HOSTS, cluster.site().meta(), cluster.site().location(),
                    new Text(what.ko() + ": " + view.ko() + "; 하나를 배출하면 정상 " + healthy + " < minHealthPercent "
                             + minHealth + " 이라 패닉 모드가 되어 배출된 호스트에도 계속 보냅니다",
                             what.en() + ": " + view.en() + "; after one ejection " + healthy + " are healthy < minHealthPercent "
                             + minHealth + ", so the cluster panics and keeps sending to the ejected host"),
                    new Text("Istio 는 minHealthPercent 를 Envoy 패닉 임계값으로 씁니다; 파드가 적으면 0 으로 두세요",
                             "Istio writes minHealthPercent as Envoy's panic threshold; leave it 0 with few pods"));
        }
    }
}
