package io.theatermsa.mesh.route;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** mesh-semantics §1.8: weights are relative; the caller supplies the random number. */
class WeightedPickerTest {

    record Dest(String name, int weight) {
    }

    private static final WeightedPicker<Dest> SEVENTY_THIRTY =
            WeightedPicker.of(List.of(new Dest("ctx1", 70), new Dest("ctx2", 30)), Dest::weight);

    @ParameterizedTest(name = "random {0} → {1}")
    @CsvSource({"0, ctx1", "69, ctx1", "70, ctx2", "99, ctx2", "100, ctx1", "169, ctx1", "170, ctx2",
            "-1, ctx2", "-30, ctx2", "-31, ctx1", "9223372036854775807, ctx1"})
    void randomValueModuloTotalFallsIntoOneShareInYamlOrder(long random, String expected) {
        assertThat(SEVENTY_THIRTY.pick(random).name()).isEqualTo(expected);
    }

    @Test
    void weightsNeedNotSumToOneHundred() {
        WeightedPicker<Dest> picker = WeightedPicker.of(List.of(new Dest("a", 1), new Dest("b", 3)), Dest::weight);

        assertThat(picker.pick(0).name()).isEqualTo("a");
        assertThat(picker.pick(1).name()).isEqualTo("b");
        assertThat(picker.pick(3).name()).isEqualTo("b");
        assertThat(picker.pick(4).name()).isEqualTo("a");
    }

    @Test
    void zeroWeightDestinationsAreDroppedWhenThereAreSeveral() {
        WeightedPicker<Dest> picker = WeightedPicker.of(
                List.of(new Dest("off", 0), new Dest("on", 5), new Dest("also-off", 0)), Dest::weight);

        assertThat(picker.choices()).extracting(Dest::name).containsExactly("on");
        assertThat(picker.pick(0).name()).isEqualTo("on");
        assertThat(picker.pick(4).name()).isEqualTo("on");
    }

    @Test
    void aLoneDestinationTakesAllTrafficWhateverItsWeight() {
        WeightedPicker<Dest> picker = WeightedPicker.of(List.of(new Dest("only", 0)), Dest::weight);

        assertThat(picker.pick(Long.MIN_VALUE).name()).isEqualTo("only");
        assertThat(picker.pick(7).name()).isEqualTo("only");
    }

    @Test
    void severalDestinationsWithTotalWeightZeroCannotBePicked() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> WeightedPicker.of(List.of(new Dest("a", 0), new Dest("b", 0)), Dest::weight));
    }
}
