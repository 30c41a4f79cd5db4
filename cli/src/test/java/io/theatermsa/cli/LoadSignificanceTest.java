package io.theatermsa.cli;

import io.theatermsa.cli.load.Significance;
import io.theatermsa.platform.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The chi-square statement of {@code theater load}, the same test as the dashboard's. */
class LoadSignificanceTest {

    private static final List<String> CLUSTERS = Topology.bundled().clusterNames();

    private static final Map<String, Double> SEVENTY_THIRTY = Map.of("ctx1", 70.0, "ctx2", 30.0);

    @Test
    void aSplitNearTheWeightsIsWithinChanceWithOneDegreeOfFreedom() {
        Significance s = Significance.of(CLUSTERS, Map.of("ctx1", 72L, "ctx2", 28L, "none", 5L), SEVENTY_THIRTY);

        assertThat(s.verdict()).isEqualTo("chance");
        assertThat(s.n()).isEqualTo(100);
        assertThat(s.df()).isEqualTo(1);
        assertThat(s.chi2()).isCloseTo(4.0 / 70 + 4.0 / 30, within(1e-9));
        assertThat(s.text()).contains("within chance").contains("df 1");
    }

    @Test
    void theCriticalValueAtFivePercentGivesPointZeroFive() {
        // 100 requests, 70/30 expected: 79/21 gives chi-square 81/70 + 81/30 = 3.857 (critical 3.841 at df 1)
        Significance s = Significance.of(CLUSTERS, Map.of("ctx1", 79L, "ctx2", 21L), SEVENTY_THIRTY);

        assertThat(s.p()).isCloseTo(0.0495, within(0.001));
        assertThat(s.verdict()).isEqualTo("differs");
    }

    @Test
    void aRequestWhereTheWeightIsZeroIsACertainDifference() {
        Significance s = Significance.of(CLUSTERS, Map.of("ctx1", 50L, "ctx2", 1L), Map.of("ctx1", 100.0, "ctx2", 0.0));

        assertThat(s.verdict()).isEqualTo("differs");
        assertThat(s.df()).isZero();
        assertThat(s.chi2()).isNull();
        assertThat(s.text()).contains("chi-square ∞");
    }

    @Test
    void underThirtyRequestsAreTooFewAndWithoutWeightsThereIsNothingToCompare() {
        assertThat(Significance.of(CLUSTERS, Map.of("ctx1", 20L, "ctx2", 9L), SEVENTY_THIRTY).verdict()).isEqualTo("few");
        assertThat(Significance.of(CLUSTERS, Map.of("ctx1", 200L), null).verdict()).isEqualTo("na");
    }
}
