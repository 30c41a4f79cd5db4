package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.OutlierDetection;
import io.theatermsa.mesh.config.Text;

/**
 * {@code consecutiveGatewayErrors} at or above {@code consecutive5xxErrors} (default 5): gateway errors are 5xx, so
 * the 5xx counter always gets there first; the Istio reference says the gateway setting then has no effect
 * (mesh-semantics §6.2).
 */
final class GatewayErrorsShadowedRule implements LintRule {

    /** Envoy's {@code consecutive_5xx} when Istio leaves it unset. */
    static final int DEFAULT_CONSECUTIVE_5XX = 5;

    @Override
    public void check(LintInput input, Diagnostics out) {
        input.merged().stream().flatMap(rule -> PolicySite.of(rule).stream()).forEach(site -> {
            OutlierDetection od = site.written().outlierDetection();
            if (od == null || od.consecutiveGatewayErrors() == null || od.consecutiveGatewayErrors() <= 0) {
                return;
            }
            int all5xx = od.consecutive5xxErrors() == null ? DEFAULT_CONSECUTIVE_5XX : od.consecutive5xxErrors();
            if (all5xx <= 0 || od.consecutiveGatewayErrors() < all5xx) {
                return;
            }
            out.add(Code.GATEWAY_ERRORS_SHADOWED, site.meta(),
                    site.path() + ".outlierDetection.consecutiveGatewayErrors",
                    new Text("consecutiveGatewayErrors " + od.consecutiveGatewayErrors() + " >= consecutive5xxErrors "
                             + all5xx + " 라서 효과가 없습니다",
                             "consecutiveGatewayErrors " + od.consecutiveGatewayErrors() + " >= consecutive5xxErrors "
                             + all5xx + ", so it has no effect"),
                    new Text("502/503/504 도 5xx 라서 5xx 카운터가 항상 먼저 도달합니다",
                             "502/503/504 are 5xx too, so the 5xx counter always gets there first"));
        });
    }
}
