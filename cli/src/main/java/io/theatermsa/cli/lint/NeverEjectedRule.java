package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.Text;

import java.util.Locale;

/**
 * An Envoy cluster where ejecting one host already exceeds {@code maxEjectionPercent}: with Envoy ≥ 1.28 no host is
 * ever ejected (mesh-semantics §6.5). A one-pod subset needs 100; from ctx1, ctx2's pods are one host.
 */
final class NeverEjectedRule implements LintRule {

    @Override
    public void check(LintInput input, Diagnostics out) {
        for (OutlierCluster cluster : OutlierCluster.of(input)) {
            double onePercent = 100.0 / cluster.view().hosts();
            if (onePercent <= cluster.maxEjectionPercent()) {
                continue;
            }
            String percent = String.format(Locale.ROOT, "%.0f%%", onePercent);
            Text what = cluster.site().describe();
            Text view = cluster.view().describe();
            out.add(Code.NEVER_EJECTED, cluster.site().meta(), cluster.site().location(),
                    new Text(what.ko() + ": " + view.ko() + "; 하나만 배출해도 " + percent + " > "
                             + cluster.maxEjectionPercentText() + " 이므로 절대 배출되지 않습니다",
                             what.en() + ": " + view.en() + "; ejecting one is " + percent + " > "
                             + cluster.maxEjectionPercentText() + ", so no host is ever ejected"),
                    new Text("Envoy 1.28 부터 maxEjectionPercent 를 항상 지키고 Istio 는 always_eject_one_host 를 켤 수 없습니다; 파드 하나짜리 서브셋은 100 이 필요합니다",
                             "since Envoy 1.28 max_ejection_percent is always honoured and Istio cannot set always_eject_one_host; a one-host cluster needs 100"));
        }
    }
}
