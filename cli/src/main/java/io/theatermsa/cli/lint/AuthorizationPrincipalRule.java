package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.AuthorizationRules;
import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.SecurityObject;
import io.theatermsa.mesh.config.Text;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kiali's KIA0106, KIA0107 and KIA0108 (kiali {@code business/checkers/authorization/principals_checker.go}): a
 * {@code from[].source.principals} entry that is no identity of a pod of the inventory. Identities are
 * {@code cluster.local/ns/<namespace>/sa/<ServiceAccount>} of the workloads with pods; {@code *} matches any, a
 * {@code *} at the start or end (or both) matches as a glob, anything else exactly. Not found locally, it is KIA0107
 * (info) when a pod of another cluster has it ({@code theater lint --cluster}), else KIA0108 when its trust domain
 * (before {@code /ns/}, no {@code *} in it) is not {@code cluster.local}, else KIA0106. {@code notPrincipals} is not
 * checked.
 */
final class AuthorizationPrincipalRule implements LintRule {

    private static final Text WHY_FOREIGN = new Text(
            "다른 트러스트 도메인의 주체는 이 메시에서 확인할 수 없습니다",
            "a principal of another trust domain cannot be verified from this mesh");

    @Override
    public void check(LintInput input, Diagnostics out) {
        Inventory inventory = input.inventory();
        Set<String> local = inventory.principals(true);
        Set<String> remote = inventory.principals(false);
        for (SecurityObject policy : input.authorizationPolicies()) {
            for (AuthorizationRules.Value entry : AuthorizationRules.sourceValues(policy.rawSpec(), "principals")) {
                String principal = entry.value();
                if (matchesSome(principal, local)) {
                    continue;
                }
                String p = "'" + principal + "'";
                if (matchesSome(principal, remote)) {
                    out.add(Code.PRINCIPAL_ON_REMOTE_CLUSTER, policy.meta(), entry.path(),
                            new Text(p + " 의 ServiceAccount 는 " + inventory.cluster() + " 가 아닌 클러스터에서 돕니다",
                                     "Service Account for this principal is on remote cluster: " + p
                                     + " runs only outside " + inventory.cluster()), null);
                } else if (hasForeignTrustDomain(principal)) {
                    out.add(Code.PRINCIPAL_FOREIGN_TRUST_DOMAIN, policy.meta(), entry.path(),
                            new Text(p + " 의 트러스트 도메인은 " + Inventory.TRUST_DOMAIN + " 가 아닙니다",
                                     "Unable to verify principal, trust domain is not known: " + p + " is not in "
                                     + Inventory.TRUST_DOMAIN), WHY_FOREIGN);
                } else {
                    out.add(Code.PRINCIPAL_NOT_FOUND, policy.meta(), entry.path(),
                            new Text(p + " 로 도는 파드가 없습니다 (" + inventory.origin().ko() + ")",
                                     "Service Account not found for this principal: no pod runs as " + p + " ("
                                     + inventory.origin().en() + ")"), null);
                }
            }
        }
    }

    /** Kiali's {@code hasMatchingServiceAccount}. */
    static boolean matchesSome(String principal, Set<String> identities) {
        if (principal.equals("*")) {
            return true;
        }
        if (principal.startsWith("*") || principal.endsWith("*")) {
            Pattern glob = glob(principal);
            return identities.stream().anyMatch(sa -> glob.matcher(sa).matches());
        }
        return identities.contains(principal);
    }

    /** Each {@code *} as any text, everything else literally. */
    private static Pattern glob(String principal) {
        StringBuilder regex = new StringBuilder();
        for (String part : principal.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** Kiali's {@code hasForeignTrustDomain}: a trust domain can be read and is not the mesh's. */
    static boolean hasForeignTrustDomain(String principal) {
        int ns = principal.indexOf("/ns/");
        return !principal.contains("*") && ns > 0 && !principal.substring(0, ns).equals(Inventory.TRUST_DOMAIN);
    }
}
