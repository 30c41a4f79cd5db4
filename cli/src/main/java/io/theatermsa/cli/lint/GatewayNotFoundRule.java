package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.HttpMatchRequest;
import io.theatermsa.mesh.config.HttpRoute;
import io.theatermsa.mesh.config.Text;
import io.theatermsa.mesh.config.VirtualService;

import java.util.List;

/**
 * Kiali's KIA1102 (istio-validation.md E.3.2): a {@code gateways} entry, other than {@code mesh}, that names no
 * Istio Gateway of the inventory. {@code spec.gateways} is checked first, then each {@code http[].match[].gateways}
 * while every reference so far was found: Kiali stops at the first match list with a missing Gateway. The same walk
 * gives Kiali's KIA1108 (E.3.7, info): an entry written with a dot, the legacy {@code name.namespace} form, found or
 * not; Kiali puts it at {@code spec/gateways[i]} even for a match's entry, we put it at the entry itself.
 */
final class GatewayNotFoundRule implements LintRule {

    private static final Text WHY = new Text(
            "Istio 는 없는 Gateway 를 가리키는 VirtualService 를 받아들이지만 그 Gateway 몫의 라우트는 어떤 프록시에도 "
            + "내려가지 않습니다 (match 의 gateways 라면 그 조건은 어떤 요청에도 맞지 않습니다)",
            "Istio admits a VirtualService bound to a Gateway that does not exist, but no proxy gets the routes meant "
            + "for it (in a match's gateways, the condition matches no request)");

    @Override
    public void check(LintInput input, Diagnostics out) {
        for (VirtualService vs : input.loaded().virtualServices()) {
            boolean valid = check(vs, vs.gateways(), "spec", input.inventory(), out);
            for (HttpRoute route : vs.http()) {
                for (int m = 0; m < route.match().size() && valid; m++) {
                    HttpMatchRequest match = route.match().get(m);
                    valid = check(vs, match.gateways(), "spec.http[" + route.index() + "].match[" + m + "]",
                                  input.inventory(), out);
                }
            }
        }
    }

    /** Reports every missing Gateway of {@code gateways}; true when none is missing. */
    private static boolean check(VirtualService vs, List<String> gateways, String path, Inventory inventory,
                                 Diagnostics out) {
        boolean found = true;
        for (int i = 0; i < gateways.size(); i++) {
            String reference = gateways.get(i);
            if (reference == null || reference.equals(VirtualService.MESH_GATEWAY)) {
                continue;
            }
            if (reference.contains(".")) {
                out.add(Code.LEGACY_GATEWAY_NAME, vs.meta(), path + ".gateways[" + i + "]",
                        new Text("'" + reference + "' 대신 <네임스페이스>/<이름> 으로 쓰세요",
                                 "write '" + reference + "' as <gateway namespace>/<gateway name>"),
                        null);
            }
            if (inventory.hasGateway(reference, vs.meta().namespace())) {
                continue;
            }
            found = false;
            out.add(Code.GATEWAY_NOT_FOUND, vs.meta(), path + ".gateways[" + i + "]",
                    new Text("게이트웨이 '" + reference + "' 에 해당하는 Istio Gateway 가 없습니다 ("
                             + inventory.origin().ko() + ")",
                             "VirtualService is pointing to a non-existent gateway '" + reference + "' ("
                             + inventory.origin().en() + ")"),
                    WHY);
        }
        return found;
    }
}
