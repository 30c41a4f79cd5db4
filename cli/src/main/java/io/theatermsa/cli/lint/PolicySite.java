package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.DestinationRule;
import io.theatermsa.mesh.config.MergedDestinationRule;
import io.theatermsa.mesh.config.ObjectMeta;
import io.theatermsa.mesh.config.Subset;
import io.theatermsa.mesh.config.Text;
import io.theatermsa.mesh.config.TrafficPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Envoy cluster a merged DestinationRule makes (the host's own, or one per subset) and where its policy was
 * written.
 *
 * @param rule      the merged rule
 * @param subset    the subset, {@code null} for the host's own cluster
 * @param meta      the DestinationRule that wrote the policy (or the subset)
 * @param path      the policy's field path, e.g. {@code spec.subsets[0].trafficPolicy}
 * @param written   the policy as written at {@code path}
 * @param effective what Envoy gets: the subset's blocks over the host's, block by block (mesh-semantics §4.2)
 */
public record PolicySite(MergedDestinationRule rule, Subset subset, ObjectMeta meta, String path,
                         TrafficPolicy written, TrafficPolicy effective) {

    /** The host's own cluster, then one site per subset that survived the merge. */
    public static List<PolicySite> of(MergedDestinationRule rule) {
        TrafficPolicy top = rule.trafficPolicy();
        ObjectMeta topMeta = rule.sources().stream().filter(dr -> dr.trafficPolicy().equals(top))
                .map(DestinationRule::meta).findFirst().orElse(rule.sources().getFirst().meta());
        List<PolicySite> sites = new ArrayList<>();
        sites.add(new PolicySite(rule, null, topMeta, "spec.trafficPolicy", top, top));
        for (Subset subset : rule.subsets()) {
            sites.add(new PolicySite(rule, subset, subset.source(), subset.fieldPath() + ".trafficPolicy",
                                     subset.trafficPolicy(), subset.trafficPolicy().over(top)));
        }
        return sites;
    }

    /** The labels that pick this cluster's endpoints among the Service's: none for the host's own. */
    public Map<String, String> subsetLabels() {
        return subset == null ? Map.of() : subset.labels();
    }

    /** {@code user-service.theater-msa.svc.cluster.local} or {@code …, subset ctx2}, for messages. */
    public Text describe() {
        String host = rule.host().service();
        return subset == null ? new Text(host + " (서브셋 없음)", host + " (no subset)")
                : new Text(host + " 서브셋 " + subset.name(), host + " subset " + subset.name());
    }

    /** The field a finding about this site points at: the subset, or the host's policy. */
    public String location() {
        return subset == null ? path : subset.fieldPath();
    }
}
