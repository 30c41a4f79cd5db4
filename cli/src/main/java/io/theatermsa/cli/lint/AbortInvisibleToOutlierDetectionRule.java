package io.theatermsa.cli.lint;

import io.theatermsa.mesh.config.Code;
import io.theatermsa.mesh.config.Destination;
import io.theatermsa.mesh.config.Diagnostics;
import io.theatermsa.mesh.config.HostName;
import io.theatermsa.mesh.config.HttpRoute;
import io.theatermsa.mesh.config.HttpRouteDestination;
import io.theatermsa.mesh.config.Text;
import io.theatermsa.mesh.config.TrafficPolicy;
import io.theatermsa.mesh.config.VirtualService;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@code abort} fault on a route that looks meant to trip outlier detection: its destination's DestinationRule
 * has {@code outlierDetection}, or it matches the {@code x-circuit-test} header of the original course. The fault
 * filter answers before the router picks a host, so an injected abort is never counted (mesh-semantics §2.4).
 */
final class AbortInvisibleToOutlierDetectionRule implements LintRule {

    static final String CIRCUIT_TEST_HEADER = "x-circuit-test";

    @Override
    public void check(LintInput input, Diagnostics out) {
        for (VirtualService vs : input.loaded().virtualServices()) {
            for (HttpRoute route : vs.http()) {
                if (route.fault() == null || route.fault().abort() == null) {
                    continue;
                }
                Optional<String> detected = route.route().stream().map(HttpRouteDestination::destination)
                        .filter(d -> d != null && d.host() != null && hasOutlierDetection(input, vs, d))
                        .map(Destination::host).findFirst();
                boolean circuitTest = route.match().stream().anyMatch(m -> m.headers().containsKey(CIRCUIT_TEST_HEADER));
                if (detected.isEmpty() && !circuitTest) {
                    continue;
                }
                Text reason = detected.map(host -> new Text(host + " 의 DestinationRule 에 outlierDetection 이 있지만",
                                "the DestinationRule of " + host + " has outlierDetection, but"))
                        .orElse(new Text(CIRCUIT_TEST_HEADER + " 라우트는 서킷 브레이커 시험용이지만",
                                "the " + CIRCUIT_TEST_HEADER + " route is meant to test the circuit breaker, but"));
                out.add(Code.ABORT_INVISIBLE_TO_OUTLIER_DETECTION, vs.meta(),
                        "spec.http[" + route.index() + "].fault.abort",
                        new Text(reason.ko() + " 라우트 '" + route.displayName()
                                 + "' 의 주입된 abort 로는 어떤 호스트도 배출되지 않습니다",
                                 reason.en() + " the injected abort on route '" + route.displayName()
                                 + "' never ejects a host"),
                        new Text("주입된 abort 는 라우터 전에 응답되어 outlier detection 이 세지 않습니다; 실제 오류를 내세요 (06-circuit-breaker-real)",
                                 "injected aborts are answered before the router and never reach outlier detection; make the service fail instead (06-circuit-breaker-real)"));
            }
        }
    }

    private static boolean hasOutlierDetection(LintInput input, VirtualService vs, Destination d) {
        return input.effectivePolicy(HostName.of(d.host(), vs.meta().namespace()), d.subset())
                .map(TrafficPolicy::outlierDetection).filter(Objects::nonNull).isPresent();
    }
}
