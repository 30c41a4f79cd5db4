package io.theatermsa.mesh.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one catalogue: one level per code, never contradicted by its id, and a gate that says what it stops. */
class CodeTest {

    private static final Map<String, Severity> LEVEL_OF_LETTER =
            Map.of("E", Severity.ERROR, "W", Severity.WARNING, "I", Severity.INFO);

    @ParameterizedTest
    @EnumSource(Code.class)
    void anIdThatNamesALevelHasThatLevel(Code code) {
        String letter = code.id().substring("THT-".length(), "THT-".length() + 1);

        assertThat(code.id()).matches("THT-[EWIL]\\d{3}");
        if (!letter.equals("L")) {
            assertThat(code.severity()).isEqualTo(LEVEL_OF_LETTER.get(letter));
        }
    }

    @ParameterizedTest
    @EnumSource(Code.class)
    void onlyWhatIstioDeniesRefusesAConfigurationAndEveryErrorFailsLint(Code code) {
        assertThat(code.gate() == Gate.ADMISSION).isEqualTo(code.id().startsWith("THT-E"));
        if (code.severity() == Severity.ERROR) {
            assertThat(code.gate()).isNotEqualTo(Gate.NONE);
        }
    }

    @Test
    void anUndefinedSubsetIsAWarningTheLoaderAcceptsAndLintFailsOn() {
        assertThat(Code.SUBSET_NOT_FOUND.severity()).isEqualTo(Severity.WARNING);
        assertThat(Code.SUBSET_NOT_FOUND.gate()).isEqualTo(Gate.LINT);
        assertThat(Code.DUPLICATE_SUBSET_DISCARDED.gate()).isEqualTo(Gate.LINT);
    }

    @Test
    void onlyTheWebhooksOwnWarningsAreWebhookWarnings() {
        assertThat(Arrays.stream(Code.values()).filter(Code::webhookWarning))
                .containsExactlyInAnyOrder(Code.UNREACHABLE_RULE, Code.INEFFECTIVE_MATCH, Code.WEBHOOK_WARNING);
        assertThat(Code.SUBSET_NOT_FOUND.webhookWarning()).as("analysis: istioctl IST0101, Kiali KIA1107").isFalse();
        assertThat(Code.NEGATIVE_WEIGHT.webhookWarning()).as("a denial, not a warning").isFalse();
    }

    @Test
    void idsAreUnique() {
        assertThat(Arrays.stream(Code.values()).map(Code::id)).doesNotHaveDuplicates();
    }
}
