package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.Text;
import io.theatermsa.mesh.config.VirtualService;

/**
 * A sidecar VirtualService for a cluster host no Service has (KIA1101 / IST0101): callers cannot resolve the name
 * and no sidecar builds a route for it, so the VirtualService does nothing. External hosts and wildcards are skipped.
 */
final class VirtualServiceHostWithoutServiceRule implements LintRule {

    @Override
    public void check(LintInput input, Diagnostics out) {
        for (VirtualService vs : input.sidecarVirtualServices()) {
            for (int i = 0; i < vs.hosts().size(); i++) {
                String written = vs.hosts().get(i);
                if (written == null || written.isBlank() || written.contains("*")) {
                    continue;
                }
                HostName host = HostName.of(written, vs.meta().namespace());
                if (!host.namespace().isEmpty() && !input.inventory().serves(host)) {
                    out.add(Code.VIRTUAL_SERVICE_HOST_WITHOUT_SERVICE, vs.meta(), "spec.hosts[" + i + "]",
                            new Text("호스트 " + host + " 에 해당하는 Service 가 없습니다 ("
                                     + input.inventory().origin().ko() + ")",
                                     "host " + host + " has no Service (" + input.inventory().origin().en() + ")"),
                            new Text("Service 가 없으면 DNS 가 이름을 모르고 사이드카도 라우트를 만들지 않아 이 VirtualService 는 아무 일도 하지 않습니다",
                                     "without a Service the name does not resolve and no sidecar builds a route, so this VirtualService does nothing"));
                }
            }
        }
    }
}
