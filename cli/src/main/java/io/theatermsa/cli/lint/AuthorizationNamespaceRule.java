package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.AuthorizationRules;
import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.SecurityObject;
import io.theatermsa.mesh.config.Text;

import java.util.Set;

/**
 * Kiali's KIA0101 (kiali {@code business/checkers/authorization/namespace_method_checker.go}): a
 * {@code from[].source.namespaces} entry that names no namespace of the inventory. As Kiali's
 * {@code NamespaceNames.MatchesPattern}: {@code *} matches when any namespace is known, {@code abc*} and {@code *abc}
 * match by prefix and suffix (not empty), anything else exactly. {@code notNamespaces} is not checked.
 */
final class AuthorizationNamespaceRule implements LintRule {

    @Override
    public void check(LintInput input, Diagnostics out) {
        Set<String> namespaces = input.inventory().namespaces();
        for (SecurityObject policy : input.authorizationPolicies()) {
            for (AuthorizationRules.Value entry : AuthorizationRules.sourceValues(policy.rawSpec(), "namespaces")) {
                if (!matchesSome(entry.value(), namespaces)) {
                    out.add(Code.NAMESPACE_NOT_FOUND, policy.meta(), entry.path(),
                            new Text("네임스페이스 '" + entry.value() + "' 가 없습니다 (" + input.inventory().origin().ko()
                                     + ")", "Namespace not found for this rule: '" + entry.value() + "' ("
                                     + input.inventory().origin().en() + ")"),
                            new Text("그 네임스페이스에서 오는 요청이 없으므로 이 출처는 어떤 요청에도 맞지 않습니다",
                                     "no request comes from that namespace, so this source matches no request"));
                }
            }
        }
    }

    static boolean matchesSome(String pattern, Set<String> namespaces) {
        if (pattern.equals("*")) {
            return !namespaces.isEmpty();
        }
        if (namespaces.contains(pattern)) {
            return true;
        }
        if (pattern.endsWith("*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            return !prefix.isEmpty() && namespaces.stream().anyMatch(ns -> ns.startsWith(prefix));
        }
        if (pattern.startsWith("*")) {
            String suffix = pattern.substring(1);
            return !suffix.isEmpty() && namespaces.stream().anyMatch(ns -> ns.endsWith(suffix));
        }
        return false;
    }
}
