package io.theatermsa.cli.dashboard;

import io.theatermsa.gateway.testing.BrowserSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.theatermsa.cli.local.LocalStack;
import io.theatermsa.cli.local.StackUnderTest;
import io.theatermsa.platform.fault.Fault;
import io.theatermsa.platform.fault.FaultChannel;
import io.theatermsa.platform.fault.FaultEffect;
import io.theatermsa.platform.fault.FaultTarget;
import io.theatermsa.platform.http.Json;
import io.theatermsa.platform.redis.RedisConnector;
import io.theatermsa.platform.testing.HttpApi;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import io.theatermsa.platform.topology.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's circuit-breaker countdown and its faults panel in headless Chromium against a REAL local stack
 * started on 06-circuit-breaker-real (outlier detection on user-service: consecutive5xxErrors 3,
 * baseEjectionTime 30 s) with a real redis-server.
 */
@ExtendWith(RealRedis.class)
class DashboardFaultsEndToEndTest {

    static final String TOKEN = "dashboard-faults-token";

    private static StackUnderTest stack;
    private static RedisConnector redis;
    private static FaultChannel faults;
    private BrowserSession browser;
    private ChromeDriver driver;

    @BeforeAll
    static void startStack(RedisEndpoint endpoint) {
        try (RedisClient client = RedisClient.create(endpoint.url()); var c = client.connect()) {
            c.sync().flushall();
        }
        stack = new StackUnderTest(endpoint.url(), TOKEN, StackUnderTest.CIRCUIT_BREAKER);
        redis = RedisConnector.connect(stack.stack().redisUrl());
        faults = new FaultChannel(redis.connection().sync(), Json.newMapper());
    }

    @AfterAll
    static void stopStack() {
        redis.close();
        stack.close();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = BrowserSession.start(1500, 1700);
        driver = browser.driver();
    }

    @AfterEach
    void closeBrowserAndClear() {
        if (browser != null) {
            browser.close();
        }
        faults.clearAll();
        assertThat(stack.admin("DELETE", "/api/mesh/partition", "").statusCode()).isEqualTo(200);
    }

    @Test
    void anEjectionShowsItsCountdown() throws Exception {
        faults.publish(new Fault("dash-cb", FaultTarget.cluster("user-service", "ctx2"),
                                 new FaultEffect.Error(100, 503), Instant.now(), Duration.ofMinutes(2)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            stack.api().get("/users/");
            return ctx2UserHost().map(DashboardFaultsEndToEndTest::ejected).orElse(false);
        });

        driver.get(stack.stack().url() + "/");
        int first = await("the ejected user-service endpoint is listed",
                          d -> userEjection().map(DashboardFaultsEndToEndTest::secondsLeft).orElse(null));
        assertThat(first).as("06's baseEjectionTime is 30 s").isBetween(1, 30);
        String text = await("its text", d -> userEjection().map(WebElement::getText).orElse(null));
        assertThat(text).contains("user-service").contains("격리");

        await("the countdown goes down", d -> secondsLeft(userEjection().orElseThrow()) < first);
        screenshot("dashboard-ejection.png");
    }

    @Test
    void theFaultsPanelListsAFaultCreatedThroughTheApi() throws Exception {
        HttpResponse<String> created = stack.admin("POST", "/api/faults", """
                {"target": {"service": "movie-service", "cluster": "ctx1"},
                 "effect": {"kind": "latency", "delay": {"shape": "fixed", "delay": "PT0.2S"}}, "duration": "PT60S"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = HttpApi.json(created).get("id").asText();

        driver.get(stack.stack().url() + "/");
        tab("drive");
        await("the fault is listed", d -> fault(id).isPresent());
        WebElement listed = fault(id).orElseThrow();
        assertThat(listed.getText()).contains("지연").contains("movie-service@ctx1").contains("200 ms").contains("남은 시간");
        assertThat(Integer.parseInt(listed.getAttribute("data-seconds-left"))).isBetween(1, 60);
        assertThat(clearButton(id).isEnabled()).as("read-only without the token").isFalse();

        driver.findElement(By.id("token-input")).sendKeys(TOKEN, Keys.ENTER);
        await("the clear button is enabled", d -> clearButton(id).isEnabled());
        screenshot("dashboard-faults.png");
        clearButton(id).click();
        await("the cleared fault disappears", d -> fault(id).isEmpty());
        assertThat(HttpApi.json(stack.api().get("/api/faults")).get("faults")).isEmpty();

        new Select(driver.findElement(By.id("fault-service"))).selectByValue("booking-service");
        WebElement duration = driver.findElement(By.id("fault-duration"));
        duration.clear();
        duration.sendKeys("30");
        driver.findElement(By.cssSelector("#fault-form button[type='submit']")).click();
        await("the fault injected with the form is listed", d -> d.findElements(By.cssSelector("#faults .fault"))
                .stream().anyMatch(f -> f.getText().contains("booking-service@ctx2") && f.getText().contains("503")));
        JsonNode injected = HttpApi.json(stack.api().get("/api/faults")).get("faults").get(0);
        assertThat(injected.get("target").get("service").asText()).isEqualTo("booking-service");
        assertThat(injected.get("effect").get("status").asInt()).isEqualTo(503);
        assertThat(injected.get("timeLeftMs").asLong()).isBetween(1L, 30_000L);
        driver.findElement(By.id("faults-clear-all")).click();
        await("clear all empties the list", d -> d.findElements(By.cssSelector("#faults .fault")).isEmpty()
                && d.findElement(By.id("faults-status")).getText().equals("주입된 장애 없음"));

        driver.findElement(By.cssSelector("#partition-form button[type='submit']")).click();
        await("both cut links are listed", d -> d.findElements(By.cssSelector("#partition-links li")).stream()
                .map(WebElement::getText).toList().equals(List.of("ctx1 -> ctx2", "ctx2 -> ctx1")));
        driver.findElement(By.id("partition-heal")).click();
        await("healing empties the links", d -> d.findElements(By.cssSelector("#partition-links li")).isEmpty()
                && d.findElement(By.id("partition-status")).getText().equals("끊긴 링크 없음"));
        assertThat(consoleErrors()).isEmpty();
    }

    // ---- helpers ----

    private Optional<WebElement> userEjection() {
        return driver.findElements(By.cssSelector("#ejections .ejection")).stream()
                .filter(li -> li.getText().contains("user-service")).findFirst();
    }

    private static int secondsLeft(WebElement ejection) {
        return Integer.parseInt(ejection.getAttribute("data-seconds-left"));
    }

    private Optional<WebElement> fault(String id) {
        return driver.findElements(By.cssSelector("#faults .fault[data-fault-id='" + id + "']")).stream().findFirst();
    }

    private WebElement clearButton(String id) {
        return driver.findElement(By.cssSelector("button[data-clear-fault='" + id + "']"));
    }

    /** Waits until {@code condition} gives a value other than null or false, re-reading a page that re-renders. */
    private <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .withMessage(() -> what + "; browser console: " + driver.manage().logs().get(LogType.BROWSER).getAll())
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(java.util.NoSuchElementException.class)
                .until(condition::apply);
    }

    private void tab(String name) {
        driver.findElement(By.cssSelector("[data-tab='" + name + "']")).click();
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(DashboardEndToEndTest.IMAGES);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), DashboardEndToEndTest.IMAGES.resolve(name),
                   StandardCopyOption.REPLACE_EXISTING);
    }

    private List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    private static boolean ejected(JsonNode host) {
        return host.path("health_status").path("failed_outlier_check").asBoolean()
               && host.path("ejection").path("ejected").asBoolean();
    }

    /** The gateway sidecar's host standing for user-service in ctx2, as LocalStackCircuitBreakerTest finds it. */
    private static Optional<JsonNode> ctx2UserHost() {
        JsonNode sidecars = HttpApi.json(stack.api().get("/api/mesh/clusters")).get("sidecars");
        return StreamSupport.stream(sidecars.spliterator(), false)
                .filter(s -> s.get("workload").get("service").asText().equals(Topology.bundled().gateway().name()))
                .flatMap(s -> StreamSupport.stream(s.get("cluster_statuses").spliterator(), false))
                .filter(c -> c.get("name").asText().startsWith("outbound|8081||user-service"))
                .flatMap(c -> StreamSupport.stream(c.path("host_statuses").spliterator(), false))
                .filter(h -> h.path("locality").path("region").asText().equals("ctx2"))
                .findFirst();
    }
}
