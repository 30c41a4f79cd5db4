package io.theatermsa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.theatermsa.cli.exercise.Exercise;
import io.theatermsa.cli.exercise.ExerciseCatalogue;
import io.theatermsa.cli.exercise.Level;
import io.theatermsa.platform.http.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code theater exercise} without a stack: the catalogue, the words, the usage errors and their exit codes. */
class ExerciseCommandTest {

    @TempDir
    Path home;

    @Test
    void theCatalogueHasAtLeastTwelveExercisesCoveringEveryLevelEachWithBilingualTextAndGradedHints() {
        var exercises = ExerciseCatalogue.bundled().all();

        assertThat(exercises).hasSizeGreaterThanOrEqualTo(12);
        assertThat(exercises.stream().map(Exercise::level).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Level.values());
        assertThat(exercises).extracting(Exercise::level).isSortedAccordingTo(Enum::compareTo);
        for (Exercise exercise : exercises) {
            assertThat(exercise.hints()).as(exercise.id()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(Arrays.asList(exercise.title(), exercise.goal(), exercise.startsFrom()))
                    .allSatisfy(text -> assertThat(text.ko()).as(exercise.id()).isNotBlank().isNotEqualTo(text.en()));
        }
    }

    @Test
    void listShowsEveryExerciseInKoreanByDefaultAndEnglishOnRequest() {
        CommandRun korean = CommandRun.of(home, "exercise", "list", "--lang", "ko");
        CommandRun english = CommandRun.of(home, "exercise", "list", "--lang", "en");

        assertThat(korean.exitCode()).isZero();
        assertThat(korean.out()).contains("split-90-10", "기본 이해", "고급 운영", "user-service 를 90/10 으로 나누기");
        assertThat(english.out()).contains("split-90-10", "Basics", "Advanced operations", "Split user-service 90/10")
                .doesNotContain("기본 이해");
    }

    @Test
    void listAsJsonGivesOneObjectPerExerciseWithItsLevelAndStatus() throws Exception {
        CommandRun run = CommandRun.of(home, "exercise", "list", "-o", "json", "--lang", "en");

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode list = Json.newMapper().readTree(run.out());
        assertThat(list).hasSize(ExerciseCatalogue.bundled().all().size());
        assertThat(list.get(0).get("id").asText()).isEqualTo("split-90-10");
        assertThat(list.get(0).get("level").asInt()).isEqualTo(1);
        assertThat(list.get(0).get("status").asText()).isEqualTo("-");
        assertThat(CommandRun.of(home, "exercise", "list", "-o", "yaml").out()).contains("id: \"split-90-10\"");
    }

    @Test
    void showTellsTheGoalAndTheStartStateButNeverTheSolution() {
        CommandRun run = CommandRun.of(home, "exercise", "show", "delay-under-timeout", "--lang", "en");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("goal:", "starts from:", "question:", "b) a normal 200 after about 2 s");
        assertThat(run.out()).doesNotContain("is right");
    }

    @Test
    void hintsComeOneMoreAtATimeAndAreRemembered() {
        CommandRun first = CommandRun.of(home, "exercise", "hint", "split-90-10", "--lang", "en");
        CommandRun second = CommandRun.of(home, "exercise", "hint", "split-90-10", "--lang", "en");

        assertThat(first.out()).contains("hint 1/3").doesNotContain("hint 2/3");
        assertThat(second.out()).contains("hint 1/3", "hint 2/3").doesNotContain("hint 3/3");
        assertThat(Files.exists(home.resolve(".theater/exercise.json"))).isTrue();
        assertThat(CommandRun.of(home, "exercise", "hint", "split-90-10", "-n", "9").exitCode())
                .isEqualTo(ExerciseCommand.USAGE_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "hint", "show", "reset"})
    void withoutAnExerciseInHandTheCommandsSayHowToStartOneAndExitWithTwo(String command) {
        CommandRun run = CommandRun.of(home, "exercise", command);

        assertThat(run.exitCode()).isEqualTo(ExerciseCommand.USAGE_ERROR);
        assertThat(run.err()).contains("./theater exercise start");
    }

    @Test
    void anUnknownExerciseALanguageOrAnOutputFormatIsAUsageError() {
        assertThat(CommandRun.of(home, "exercise", "start", "no-such").err()).contains("no such exercise: no-such");
        assertThat(CommandRun.of(home, "exercise", "start", "no-such").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of(home, "exercise", "list", "--lang", "fr").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of(home, "exercise", "list", "-o", "xml").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of(home, "exercise", "check", "split-90-10", "--answer", "b").exitCode())
                .as("split-90-10 asks no question").isEqualTo(2);
    }

    @Test
    void startAndCheckWithoutARunningStackExitWithThree() {
        CommandRun start = CommandRun.of(home, "exercise", "start", "split-90-10");
        CommandRun check = CommandRun.of(home, "exercise", "check", "split-90-10");

        assertThat(start.exitCode()).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(check.exitCode()).isEqualTo(StatusCommand.NOT_RUNNING);
        assertThat(check.err()).contains("./theater up");
        assertThat(Files.exists(home.resolve(".theater/exercise.json"))).as("nothing recorded").isFalse();
    }
}
