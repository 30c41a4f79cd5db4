package io.theatermsa.cli;

import io.theatermsa.cli.TopologyNames.Services;
import io.theatermsa.platform.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The one check of the service and cluster names command options take, against the bundled topology. */
class TopologyNamesTest {

    private static final Topology TOPOLOGY = Topology.bundled();
    private static final String SERVICES = "user-service, movie-service, booking-service";

    /** A service name checked among {@code among}: accepted (no problem) or refused with this English part. */
    record ServiceCase(String name, Services among, String refusal) {
        @Override
        public String toString() {
            return name + " among " + among + (refusal == null ? " is accepted" : " is refused");
        }
    }

    static Stream<ServiceCase> services() {
        return Stream.of(
                new ServiceCase("user-service", Services.FAULTABLE, null),
                new ServiceCase("booking-service", Services.FAULTABLE, null),
                new ServiceCase("user-servce", Services.FAULTABLE,
                                "error: --service user-servce: no such service; must be one of: " + SERVICES),
                new ServiceCase("Movie-Service", Services.FAULTABLE, "must be one of: " + SERVICES
                                                                     + " (did you mean movie-service?)"),
                new ServiceCase("movie", Services.FAULTABLE, "(did you mean movie-service?)"),
                new ServiceCase("api-gateway", Services.FAULTABLE, "error: --service api-gateway: this workload "
                        + "cannot be faulted (service faults act only on the services the gateway forwards to); the "
                        + "services that can: " + SERVICES),
                new ServiceCase("redis", Services.FAULTABLE, "cannot be faulted"),
                new ServiceCase("api-gateway", Services.WITH_PODS, null),
                new ServiceCase("movie-service", Services.WITH_PODS, null),
                new ServiceCase("redis", Services.WITH_PODS,
                                "no such service; must be one of: api-gateway, " + SERVICES),
                new ServiceCase("nope", Services.WITH_PODS, "no such service; must be one of: api-gateway, "
                                                            + SERVICES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void aServiceIsAcceptedOnlyWhenTheTopologyHasItAmongTheKindAsked(ServiceCase c) {
        List<String> problems = TopologyNames.in(TOPOLOGY).service("--service", c.name(), c.among()).problems();

        if (c.refusal() == null) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).singleElement().asString().startsWith("오류: --service " + c.name() + ": ")
                    .contains(" / error: ").contains(c.refusal());
        }
    }

    @Test
    void anUnknownClusterIsRefusedWithTheClustersThatExist() {
        assertThat(TopologyNames.in(TOPOLOGY).cluster("--cluster", "ctx2").problems()).isEmpty();
        assertThat(TopologyNames.in(TOPOLOGY).cluster("--cluster", "ctx3").problems()).containsExactly(
                "오류: --cluster ctx3: 없는 클러스터입니다. 가능한 값: ctx1, ctx2 / error: --cluster ctx3: no such "
                + "cluster; must be one of: ctx1, ctx2");
        assertThat(TopologyNames.in(TOPOLOGY).cluster("--to", "CTX1").problems()).singleElement().asString()
                .contains("(혹시 ctx1?)").endsWith("(did you mean ctx1?)");
    }

    @Test
    void namesNotGivenPass() {
        assertThat(TopologyNames.in(TOPOLOGY).service("--service", null, Services.FAULTABLE).cluster("--cluster", null)
                           .runsIn(null, null).problems()).isEmpty();
    }

    @Test
    void aServiceInAClusterItRunsNoPodInIsRefused() {
        assertThat(TopologyNames.in(TOPOLOGY).runsIn("api-gateway", "ctx2").problems()).singleElement().asString()
                .endsWith("error: api-gateway runs no pod in ctx2 (it runs in ctx1)");
        assertThat(TopologyNames.in(TOPOLOGY).runsIn("user-service", "ctx2").problems()).isEmpty();
        // unknown names are the other checks' to report, once
        assertThat(TopologyNames.in(TOPOLOGY).runsIn("nope", "ctx2").runsIn("api-gateway", "ctx9").problems())
                .isEmpty();
    }

    @Test
    void theServiceAndClusterPairIsCheckedAsOne() {
        assertThat(TopologyNames.in(TOPOLOGY).serviceInCluster("user-service", Services.FAULTABLE, "ctx1").problems())
                .isEmpty();
        assertThat(TopologyNames.in(TOPOLOGY).serviceInCluster("api-gateway", Services.WITH_PODS, "ctx2").problems())
                .singleElement().asString().contains("api-gateway runs no pod in ctx2");
        assertThat(TopologyNames.in(TOPOLOGY).serviceInCluster("nope", Services.WITH_PODS, "ctx9").problems())
                .hasSize(2);
    }

    @Test
    void everyProblemIsCollectedAndPrintedThenTheCommandIsRefused() {
        TopologyNames check = TopologyNames.in(TOPOLOGY).service("--service", "nope", Services.FAULTABLE)
                .cluster("--cluster", "ctx9");
        StringWriter err = new StringWriter();

        assertThat(check.refused(new PrintWriter(err))).isTrue();
        assertThat(err.toString().lines()).hasSize(2).anySatisfy(l -> assertThat(l).contains("--service nope"))
                .anySatisfy(l -> assertThat(l).contains("--cluster ctx9"));
        assertThat(TopologyNames.in(TOPOLOGY).service("--service", "user-service", Services.FAULTABLE)
                           .refused(new PrintWriter(new StringWriter()))).isFalse();
    }
}
