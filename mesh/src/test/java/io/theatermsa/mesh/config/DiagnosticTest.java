package io.theatermsa.mesh.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** field-notes.md codes: every code has a Korean and an English title; diagnostics render in either language. */
class DiagnosticTest {

    private static final Diagnostic NEGATIVE = new Diagnostic(Code.NEGATIVE_WEIGHT, "vs.yaml",
            "VirtualService theater-msa/user-vs", "spec.http[0].route[1].weight", "weight -1 is negative");

    @ParameterizedTest
    @EnumSource(Code.class)
    void everyCodeHasAKoreanAndAnEnglishTitle(Code code) {
        String korean = code.title(Locale.KOREAN);
        String english = code.title(Locale.ENGLISH);

        assertThat(korean).isNotBlank().isNotEqualTo(english).matches(".*[가-힣].*");
        assertThat(english).isNotBlank().matches("[\\x20-\\x7E]+");
        assertThat(code.title(Locale.KOREA)).isEqualTo(korean);
        assertThat(code.title(Locale.GERMAN)).as("other languages get English").isEqualTo(english);
    }

    @Test
    void titlesAreDistinct() {
        assertThat(Arrays.stream(Code.values()).map(c -> c.title(Locale.KOREAN))).doesNotHaveDuplicates();
        assertThat(Arrays.stream(Code.values()).map(c -> c.title(Locale.ENGLISH))).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("format() keeps the istioctl-style English line")
    void formatIsUnchanged() {
        assertThat(NEGATIVE.format()).isEqualTo("ERROR [THT-E009] (VirtualService theater-msa/user-vs) "
                + "spec.http[0].route[1].weight: weight -1 is negative — vs.yaml");
    }

    @Test
    void koreanFirstLineNamesTheEnglishTitleToo() {
        assertThat(NEGATIVE.formatKorean()).isEqualTo("오류 [THT-E009] 음수 가중치 (Negative weight): "
                + "(VirtualService theater-msa/user-vs) spec.http[0].route[1].weight: weight -1 is negative — vs.yaml");
        assertThat(NEGATIVE.format(Locale.ENGLISH)).isEqualTo("Error [THT-E009] Negative weight: "
                + "(VirtualService theater-msa/user-vs) spec.http[0].route[1].weight: weight -1 is negative — vs.yaml");
    }
}
