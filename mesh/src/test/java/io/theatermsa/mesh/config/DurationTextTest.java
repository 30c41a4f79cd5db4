package io.theatermsa.mesh.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Istio's duration syntax for the loader, and the typed form a fault's duration may take. */
class DurationTextTest {

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({"1s, 1000000000", "0.5s, 500000000", "100ms, 100000000", "1m30s, 90000000000",
            "1h, 3600000000000", "250us, 250000", "250µs, 250000", "7ns, 7", "' 2s ', 2000000000"})
    @DisplayName("Istio (Go) syntax: one or more decimal terms with h, m, s, ms, us/µs, ns")
    void istioDurations(String text, long nanos) {
        assertThat(DurationText.parse(text)).hasValue(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "10", "1.5 s", "-1s", "1s ms", "s"})
    @DisplayName("anything else is not an Istio duration: empty, never an exception")
    void notIstioDurations(String text) {
        assertThat(DurationText.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"800ms, 800", "1.5s, 1500", "2m, 120000", "1h, 3600000", "'1.5 s', 1500", "0, 0", "0.0, 0"})
    @DisplayName("typed: a space may precede the unit; zero needs no unit")
    void typedDurations(String text, long millis) {
        assertThat(DurationText.parseTyped(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"10, 'write e.g. 10s or 10ms'", "800, 'write e.g. 800s or 800ms'", "' 3 ', 'write e.g. 3s or 3ms'",
            "1.5, 'write e.g. 1.5s or 1.5ms'"})
    @DisplayName("typed: a bare number is refused, never read as milliseconds, and the message suggests units")
    void typedBareNumbersAreRefused(String text, String suggestion) {
        assertThatThrownBy(() -> DurationText.parseTyped(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' has no unit: " + suggestion + " (units: h, m, s, ms)");
    }

    @Test
    @DisplayName("typed: anything else throws, naming the text")
    void typedNonDurationsThrow() {
        assertThatThrownBy(() -> DurationText.parseTyped("soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'soon' is not a duration such as 800ms, 1.5s, 2m or 1h");
        assertThatThrownBy(() -> DurationText.parseTyped(null)).hasMessageContaining("not a duration");
    }

    @Test
    @DisplayName("format writes the shortest exact text")
    void formatIsTheShortestExactText() {
        assertThat(DurationText.format(Duration.ofMillis(800))).isEqualTo("800ms");
        assertThat(DurationText.format(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationText.format(Duration.ofHours(1))).isEqualTo("1h");
    }
}
