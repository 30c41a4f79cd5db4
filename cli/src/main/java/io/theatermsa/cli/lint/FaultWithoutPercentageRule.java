package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.FaultInjection;
import io.theatermsa.mesh.config.HttpRoute;
import io.theatermsa.mesh.config.Text;
import io.theatermsa.mesh.config.VirtualService;

/**
 * A delay or abort with no percentage: Istio then writes a numerator of 0, so no request is ever delayed or aborted
 * (mesh-semantics §2.2). The Istio tasks always write {@code percentage: {value: 100}}.
 */
final class FaultWithoutPercentageRule implements LintRule {

    @Override
    public void check(LintInput input, Diagnostics out) {
        for (VirtualService vs : input.loaded().virtualServices()) {
            for (HttpRoute route : vs.http()) {
                FaultInjection fault = route.fault();
                if (fault == null) {
                    continue;
                }
                String at = "spec.http[" + route.index() + "].fault.";
                if (fault.delay() != null && fault.delay().percentage() == null && fault.delay().percent() == null) {
                    report(vs, at + "delay", "delay", out);
                }
                if (fault.abort() != null && fault.abort().percentage() == null) {
                    report(vs, at + "abort", "abort", out);
                }
            }
        }
    }

    private static void report(VirtualService vs, String field, String kind, Diagnostics out) {
        out.add(Code.FAULT_NEVER_FIRES, vs.meta(), field,
                new Text(kind + " 에 percentage 가 없어 어떤 요청에도 적용되지 않습니다",
                         kind + " has no percentage, so it applies to no request"),
                new Text("percentage 가 없으면 0% 입니다 (100% 가 아닙니다); percentage: {value: 100} 을 쓰세요",
                         "an absent percentage is 0%, not 100%; write percentage: {value: 100}"));
    }
}
