package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.AuthorizationRules;
import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.SecurityObject;
import io.theatermsa.mesh.config.Text;
import io.theatermsa.mesh.config.VirtualService;

import java.util.Set;

/**
 * Kiali's KIA0104 (kiali {@code business/checkers/authorization/no_host_checker.go}): a {@code to[].operation.hosts}
 * entry naming a cluster service the registry does not have. Istio matches {@code hosts} against the request's Host
 * header, so as Kiali only the two spellings of a service are looked up: a bare name (in the policy's namespace) and
 * {@code name.<namespace>} with a known namespace; wildcards ({@code *}, {@code *.x}, {@code x*}) and other dotted
 * names ({@code api.example.com}, {@code name.ns.svc.cluster.local}) are Host values and are skipped. A name is found
 * by a Service exported to the policy's namespace, a ServiceEntry host ending it (after its {@code *}), or a
 * VirtualService visible from there that names it.
 */
final class AuthorizationHostRule implements LintRule {

    private static final String IDENTITY_DOMAIN = "svc.cluster.local";

    @Override
    public void check(LintInput input, Diagnostics out) {
        Inventory inventory = input.inventory();
        Set<String> namespaces = inventory.namespaces();
        for (SecurityObject policy : input.authorizationPolicies()) {
            String namespace = policy.meta().namespace();
            for (AuthorizationRules.Value entry : AuthorizationRules.operationValues(policy.rawSpec(), "hosts")) {
                String written = entry.value().strip();
                if (isHostHeader(written, namespace, namespaces)) {
                    continue;
                }
                HostName host = HostName.of(written, namespace);
                if (!isServed(host, namespace, input)) {
                    out.add(Code.AUTHORIZATION_HOST_NOT_FOUND, policy.meta(), entry.path(),
                            new Text("호스트 " + host + " 가 서비스 레지스트리에 없습니다 (" + inventory.origin().ko() + ")",
                                     "This host has no matching entry in the service registry: " + host + " ("
                                     + inventory.origin().en() + ")"),
                            new Text("Host 헤더가 그 이름인 요청이 없으므로 이 operation 은 어떤 요청에도 맞지 않습니다",
                                     "no request carries that name in its Host header, so this operation matches no"
                                     + " request"));
                }
            }
        }
    }

    /** Kiali's {@code isHTTPHostHeaderMatcher}: what is matched against the Host header only, never looked up. */
    static boolean isHostHeader(String host, String namespace, Set<String> namespaces) {
        if (host.isEmpty()) {
            return false;
        }
        if (host.startsWith("*") || host.endsWith("*")) {
            return true;
        }
        long dots = host.chars().filter(c -> c == '.').count();
        if (dots != 1) {
            return dots > 1;
        }
        String suffix = host.substring(host.indexOf('.') + 1);
        return !suffix.equals(namespace) && !namespaces.contains(suffix);
    }

    private static boolean isServed(HostName host, String namespace, LintInput input) {
        String fqdn = host.fqdn();
        Inventory inventory = input.inventory();
        return inventory.serviceEntryHosts().stream()
                       .anyMatch(se -> fqdn.endsWith(se.substring(se.indexOf('*') + 1)))
               || input.loaded().virtualServices().stream().filter(vs -> vs.isVisibleFrom(namespace))
                       .anyMatch(vs -> namesHost(vs, host))
               || inventory.service(host).filter(s -> s.isExportedTo(namespace)).isPresent();
    }

    /** Kiali's {@code HasMatchingVirtualServices} for a cluster service. */
    private static boolean namesHost(VirtualService vs, HostName host) {
        String service = host.service();
        String namespace = host.namespace();
        return vs.hosts().stream().anyMatch(h -> h != null && (h.equals("*")
                || h.equals(service) && vs.meta().namespace().equals(namespace)
                || h.equals(service + "." + namespace) || h.equals(host.fqdn())
                || h.equals("*." + namespace + "." + IDENTITY_DOMAIN)));
    }
}
