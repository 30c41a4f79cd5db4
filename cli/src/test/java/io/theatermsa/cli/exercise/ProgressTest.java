package io.theatermsa.cli.exercise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code .theater/exercise.json} remembers across starts, checks and hints, and when a verdict passes. */
class ProgressTest {

    private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

    @TempDir
    Path home;

    private static Verdict passing() {
        return new Verdict.Builder().saw(Text.of("봄", "seen")).met(Text.of("됨", "met")).build();
    }

    private static Verdict failing() {
        return new Verdict.Builder().met(Text.of("됨", "met")).wrong(Text.of("아직", "wrong")).build();
    }

    @Test
    void theFirstPassIsKeptWhileLaterChecksCountAndRecordTheirLines() {
        Progress progress = Progress.none().started("split-90-10", T0)
                .checked("split-90-10", failing(), T0.plusSeconds(60))
                .checked("split-90-10", passing(), T0.plusSeconds(120))
                .checked("split-90-10", failing(), T0.plusSeconds(180));

        Progress.Attempt attempt = progress.of("split-90-10").orElseThrow();
        assertThat(progress.current()).isEqualTo("split-90-10");
        assertThat(attempt.checks()).isEqualTo(3);
        assertThat(attempt.passedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(attempt.lastCheck().passed()).isFalse();
        assertThat(attempt.lastCheck().lines()).extracting(Verdict.Line::mark)
                .containsExactly(Verdict.Mark.MET, Verdict.Mark.WRONG);
    }

    @Test
    void startingAgainKeepsTheCountsAndClearsTheLastCheck() {
        Progress progress = Progress.none().started("failover", T0).hinted("failover", 2, T0)
                .checked("failover", passing(), T0.plusSeconds(10)).started("failover", T0.plusSeconds(20));

        Progress.Attempt attempt = progress.of("failover").orElseThrow();
        assertThat(attempt.startedAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(attempt.hintsShown()).isEqualTo(2);
        assertThat(attempt.passedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(attempt.lastCheck()).isNull();
    }

    @Test
    void aVerdictPassesOnlyWithSomethingMetAndNothingWrong() {
        assertThat(passing().passed()).isTrue();
        assertThat(failing().passed()).isFalse();
        assertThat(new Verdict.Builder().saw(Text.of("봄", "seen")).build().passed())
                .as("observing alone proves nothing").isFalse();
    }

    @Test
    void theFileRoundTripsAndABrokenFileStartsOver() throws Exception {
        ProgressFile file = new ProgressFile(home);
        Progress progress = Progress.none().started("roll-back", T0).checked("roll-back", passing(), T0);

        file.write(progress);

        assertThat(file.read()).isEqualTo(progress);
        Files.writeString(home.resolve(".theater/exercise.json"), "{not json");
        assertThat(file.read()).isEqualTo(Progress.none());
    }
}
