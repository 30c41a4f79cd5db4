package io.theatermsa.cli.dashboard;

import io.theatermsa.cli.exercise.Exercise;
import io.theatermsa.cli.exercise.ExerciseBoard;
import io.theatermsa.cli.exercise.ExerciseCatalogue;
import io.theatermsa.cli.exercise.ExerciseSession;
import io.theatermsa.cli.exercise.Verdict;
import io.theatermsa.cli.local.RunState;
import io.theatermsa.cli.local.StackUnderTest;
import io.theatermsa.gateway.testing.BrowserSession;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import io.theatermsa.platform.topology.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's 실습 과제 / Exercise card in headless Chromium against a real local stack: it shows no exercise,
 * then the one {@code exercise start} made current, then what {@code exercise check} saw, line by line, in the
 * language the page speaks; its button grades again with the admin token.
 */
@ExtendWith(RealRedis.class)
class DashboardExerciseEndToEndTest {

    private static final String TOKEN = "dashboard-exercise-token";

    private static StackUnderTest stack;
    private static Path home;
    private static RunState running;

    @BeforeAll
    static void startStack(RedisEndpoint redis) throws Exception {
        home = Files.createTempDirectory("theater-exercise-dashboard");
        Files.createSymbolicLink(home.resolve("k8s"), StackUnderTest.HOME.resolve("k8s"));
        stack = new StackUnderTest(redis.url(), TOKEN, StackUnderTest.INITIAL,
                                   new ExerciseBoard(home, Topology.bundled(), () -> RunState.running(home)));
        running = new RunState(ProcessHandle.current().pid(), stack.stack().url(), stack.stack().redisUrl(),
                               StackUnderTest.INITIAL.toString(), Instant.now(), stack.stack().workloads(), TOKEN,
                               StackUnderTest.READ_ONLY_TOKEN, stack.kubeconfig().toString());
        running.writeTo(RunState.fileIn(home));
    }

    @AfterAll
    static void stopStack() throws IOException {
        stack.close();
        try (Stream<Path> files = Files.walk(home)) {   // does not follow the k8s link
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void theCardFollowsTheCurrentExerciseAndItsLastCheckInBothLanguages() throws Exception {
        ExerciseSession session = new ExerciseSession(home, Topology.bundled(), Clock.systemUTC());
        Exercise split = ExerciseCatalogue.bundled().find("split-90-10").orElseThrow();
        try (BrowserSession browser = BrowserSession.start(1500, 1700)) {
            ChromeDriver driver = browser.driver();
            driver.get(stack.stack().url() + "/");
            await(driver, "no exercise yet", d -> text(d, "exercise-status").contains("./theater exercise list"));

            session.start(split, running);
            await(driver, "the started exercise", d -> text(d, "exercise-heading").contains("split-90-10")
                    && text(d, "exercise-heading").contains("user-service 를 90/10 으로 나누기")
                    && text(d, "exercise-status").contains("아직 채점하지 않았습니다"));

            Verdict verdict = session.check(split, running, null);
            assertThat(verdict.passed()).as("01-initial is 70/30").isFalse();
            await(driver, "the check's lines", d -> text(d, "exercise-status").startsWith("아직")
                    && !d.findElements(By.cssSelector("#exercise-lines li[data-mark='WRONG']")).isEmpty());
            assertThat(text(driver, "exercise-lines")).contains("✗", "90/10");

            driver.findElement(By.cssSelector("[data-tab='drive']")).click();
            driver.findElement(By.id("token-input")).sendKeys(TOKEN, Keys.ENTER);
            driver.findElement(By.cssSelector("[data-tab='overview']")).click();
            driver.findElement(By.id("exercise-check")).click();
            await(driver, "a check from the dashboard", d -> text(d, "exercise-status").startsWith("아직 (2번 채점"));

            driver.findElement(By.cssSelector("[data-lang='en']")).click();
            await(driver, "the card in English", d -> text(d, "exercise-heading").contains("Split user-service 90/10")
                    && text(d, "exercise-status").startsWith("Not yet (2 checks"));
            assertThat(driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                    .map(LogEntry::getMessage).toList()).isEmpty();
        }
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static void await(ChromeDriver driver, String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .withMessage(() -> what + "; browser console: " + driver.manage().logs().get(LogType.BROWSER).getAll())
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }
}
