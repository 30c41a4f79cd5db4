package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.DestinationRule;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.MergedDestinationRule;
import io.theatermsa.mesh.config.Text;

import java.util.List;

/**
 * Several DestinationRules for one host that each set a different top-level {@code trafficPolicy}: Istio uses the
 * first merged and silently drops the others (mesh-semantics §4.4, KIA0201). The merge itself is the loader's
 * warning {@code THT-W003}; this is the case that changes behaviour.
 */
final class ConflictingTrafficPoliciesRule implements LintRule {

    @Override
    public void check(LintInput input, Diagnostics out) {
        for (MergedDestinationRule rule : input.merged()) {
            List<DestinationRule> withPolicy = rule.sources().stream()
                    .filter(DestinationRule::writesTrafficPolicy).toList();
            if (withPolicy.size() < 2) {
                continue;
            }
            DestinationRule winner = withPolicy.getFirst();
            withPolicy.stream().skip(1).filter(dr -> !dr.rawSpec().path("trafficPolicy")
                            .equals(winner.rawSpec().path("trafficPolicy")))
                    .forEach(loser -> out.add(Code.CONFLICTING_TRAFFIC_POLICIES, loser.meta(), "spec.trafficPolicy",
                            new Text("호스트 " + rule.host() + " 에는 " + winner.meta().key()
                                     + " 의 trafficPolicy 가 쓰이고 이 정책은 무시됩니다",
                                     "host " + rule.host() + " gets the trafficPolicy of " + winner.meta().key()
                                     + "; this one is ignored"),
                            new Text("여러 DestinationRule 은 병합되며 최상위 trafficPolicy 는 먼저 처리된 하나만 쓰입니다",
                                     "DestinationRules for one host are merged and only the first top-level trafficPolicy is used")));
        }
    }
}
