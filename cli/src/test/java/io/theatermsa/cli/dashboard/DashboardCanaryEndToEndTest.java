package io.theatermsa.cli.dashboard;

import io.theatermsa.cli.local.StackUnderTest;
import io.theatermsa.gateway.delivery.ManualDecisionTimer;
import io.theatermsa.gateway.testing.BrowserSession;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's 카나리 배포 / Canary card in headless Chromium against a real local stack: a running canary's step,
 * next decision and checks (value against threshold) as its step's traffic arrives, then — after a real service
 * fault in ctx2 and the decision the test's timer runs — the rollback at the top of its history, in both languages.
 */
@ExtendWith(RealRedis.class)
class DashboardCanaryEndToEndTest {

    private static final String TOKEN = "dashboard-canary-token";
    private static final ManualDecisionTimer TIMER = new ManualDecisionTimer(Instant.parse("2026-12-07T12:00:00Z"));

    private static StackUnderTest stack;

    @BeforeAll
    static void startStack(RedisEndpoint redis) {
        stack = new StackUnderTest(redis.url(), TOKEN, TIMER);
    }

    @AfterAll
    static void stopStack() {
        stack.admin("DELETE", "/api/faults", "");
        stack.close();
    }

    @Test
    void theCardShowsTheStepItsChecksAndTheRollbackAsItHappens() throws Exception {
        try (BrowserSession browser = BrowserSession.start(1500, 2200)) {
            ChromeDriver driver = browser.driver();
            driver.get(stack.stack().url() + "/");
            Cards.await(driver, "no canary yet", d -> Cards.text(d, "canary-status").contains("카나리 없음"));

            assertThat(stack.admin("POST", "/api/canary", "{\"service\": \"movie-service\", \"to\": \"ctx2\", "
                    + "\"steps\": [20, 100], \"minRequests\": 3, \"failedChecks\": 1}").statusCode()).isEqualTo(201);
            Cards.await(driver, "the running canary", d -> Cards.text(d, "canaries").contains("movie-service → ctx2: 진행 중")
                    && Cards.text(d, "canaries").contains("단계 1/2: ctx2 20% · ctx1 80% · 실패한 검사 0/1")
                    && Cards.text(d, "canaries").contains("다음 판정")
                    && Cards.text(d, "canaries").contains("✗ ctx2 요청 0건 < 최소 3건"));

            assertThat(stack.admin("POST", "/api/faults", "{\"target\": {\"service\": \"movie-service\", \"cluster\": "
                    + "\"ctx2\"}, \"effect\": {\"kind\": \"error\", \"ratePercent\": 100, \"status\": 503}, "
                    + "\"duration\": \"PT60S\"}").statusCode()).isEqualTo(201);
            IntStream.range(0, 60).forEach(i -> stack.api().get("/movies"));
            Cards.await(driver, "the failing check, live", d -> !d.findElements(
                    By.cssSelector("li[data-check='error-rate'][data-passed='false']")).isEmpty()
                    // a pod may take the fault a moment after the 201 (it hears of it from Redis): any share above
                    // the threshold fails the check
                    && Pattern.compile("ctx2 오류율 [1-9][0-9.]*% > 1\\.0%").matcher(Cards.text(d, "canaries")).find());

            TIMER.advance(Duration.ofSeconds(30));
            Cards.await(driver, "the rollback", d -> Cards.text(d, "canaries").contains("movie-service → ctx2: 롤백됨")
                    && d.findElement(By.cssSelector(".canary__history li")).getDomAttribute("data-action")
                            .equals("ROLLBACK"));
            assertThat(Cards.text(driver, "canaries")).contains("롤백", "ctx1 가 다시 100%").doesNotContain("다음 판정");

            driver.findElement(By.cssSelector("[data-lang='en']")).click();
            Cards.await(driver, "the card in English", d -> Cards.text(d, "canaries").contains("movie-service → ctx2: rolled back")
                    && Cards.text(d, "canaries").contains("rollback · ctx2 0%"));
            driver.executeScript("document.querySelector('[data-canary]').scrollIntoView()");
            DashboardEndToEndTest.screenshot(driver, "dashboard-canary.png");
            assertThat(Cards.consoleWarnings(driver)).isEmpty();
        }
    }
}
