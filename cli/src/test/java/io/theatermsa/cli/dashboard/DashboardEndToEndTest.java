package io.theatermsa.cli.dashboard;

import io.theatermsa.gateway.testing.BrowserSession;
import io.theatermsa.cli.local.Scenarios;
import io.theatermsa.cli.local.StackUnderTest;
import io.theatermsa.platform.testing.RealRedis;
import io.theatermsa.platform.testing.RedisEndpoint;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium against a REAL local stack (gateway, three services in two clusters, the
 * emulated data plane, a real redis-server). Requests the test sends from outside the browser must show on the
 * page's lights, because the lights follow the mesh's access records, not the page's own requests.
 */
@ExtendWith(RealRedis.class)
class DashboardEndToEndTest {

    static final String TOKEN = "dashboard-e2e-token";
    /** target/screenshots by default; -Dtheater.screenshots=../docs/images refreshes the README's pictures. */
    static final Path IMAGES = Path.of(System.getProperty("theater.screenshots", "target/screenshots"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static StackUnderTest stack;
    private BrowserSession browser;
    private ChromeDriver driver;

    @BeforeAll
    static void startStack(RedisEndpoint redis) {
        try (RedisClient client = RedisClient.create(redis.url()); var c = client.connect()) {
            c.sync().flushall();
        }
        stack = new StackUnderTest(redis.url(), TOKEN);
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = BrowserSession.start(1500, 1700);
        driver = browser.driver();
        driver.get(stack.stack().url() + "/");
        await("the access records are followed", d -> {
            String mode = d.findElement(By.id("stream-status")).getAttribute("data-stream");
            return "live".equals(mode) || "polling".equals(mode);
        });
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        stack.reset();
    }

    @Test
    void thePageLoadsWithoutConsoleErrorsAndShowsEveryView() throws Exception {
        await("the first user request is shown", d -> !section("users").getAttribute("data-observed").equals("0"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ko");
        assertThat(driver.findElement(By.id("stream-status")).getText()).isNotBlank();
        send("/users/", 40, Map.of());
        await("40 user requests are counted", d -> Integer.parseInt(section("users").getAttribute("data-observed")) >= 41);
        await("the significance statement speaks", d -> !section("users")
                .findElement(By.cssSelector(".split__significance")).getAttribute("data-verdict").equals("few"));
        screenshot("dashboard-overview.png");

        tab("history");
        await("the charts are drawn", d -> !d.findElements(By.cssSelector("#chart-share canvas")).isEmpty()
                && !d.findElements(By.cssSelector("#chart-topology canvas")).isEmpty());
        await("the pods are listed", d -> d.findElements(By.cssSelector("#pods tr")).size() >= 7);
        screenshot("dashboard-history.png");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void lightsFollowTheRealResponseHeadersOfRequestsSentOutsideTheBrowser() {
        send("/users/", 16, Map.of("x-canary", "true"));

        await("all 16 user lights show ctx2", d -> lights("users", "ctx2", "served").size() == 16);
        assertThat(lights("users", "ctx1", "elsewhere")).hasSize(16);
        WebElement newest = lights("users", "ctx2", "served").getLast();
        assertThat(newest.getAttribute("data-outcome")).isEqualTo("ctx2");
        assertThat(newest.getAttribute("aria-label")).contains("ctx2").contains("user-service-ctx2").contains("200");
        newest.sendKeys(Keys.TAB); // focus moves on; the focused light's details are written out for everyone
        lights("users", "ctx2", "served").get(10).click();
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void movingAUserSliderToOneHundredWithTheKeyboardSendsEveryRequestToCtx1() throws Exception {
        tab("drive");
        assertThat(driver.findElement(By.id("weight-user-service")).isEnabled()).isFalse();
        assertThat(driver.findElement(By.id("token-status")).getText()).contains("읽기 전용");
        driver.findElement(By.id("token-input")).sendKeys(TOKEN, Keys.ENTER);
        await("the controls are enabled", d -> d.findElement(By.id("weight-user-service")).isEnabled());

        WebElement slider = driver.findElement(By.id("weight-user-service"));
        slider.sendKeys(Keys.END);
        assertThat(slider.getAttribute("value")).isEqualTo("100");
        driver.findElement(By.cssSelector("[data-apply-weights='user-service']")).sendKeys(Keys.ENTER);
        await("the weights are applied", d -> d.findElement(By.id("weights-status")).getText().contains("적용됨"));
        screenshot("dashboard-drive.png");
        assertThat(stack.userWeight("ctx1")).isEqualTo(100);

        tab("overview");
        await("the configured split shows at once", d -> cell("users", "configured", "ctx1").equals("100%"));
        send("/users/", 20, Map.of());
        await("all 16 user lights show ctx1", d -> lights("users", "ctx1", "served").size() == 16
                && lights("users", "ctx1", "served").stream().allMatch(l -> "ctx1".equals(l.getAttribute("data-outcome"))));
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void applyingTheErrorFaultScenarioShowsItsFaultBadge() {
        tab("drive");
        driver.findElement(By.id("token-input")).sendKeys(TOKEN, Keys.ENTER);
        await("the scenarios are listed", d -> d.findElements(By.cssSelector("#scenario-select option")).stream()
                .anyMatch(o -> o.getText().startsWith("04")));
        driver.findElements(By.cssSelector("#scenario-select option")).stream()
                .filter(o -> o.getText().startsWith("04")).findFirst().orElseThrow().click();
        assertThat(driver.findElement(By.id("scenario-expect")).getText()).contains("FI");
        driver.findElement(By.cssSelector("#scenario-form button[type='submit']")).click();
        await("the scenario is applied", d -> d.findElement(By.id("scenario-status")).getText().startsWith("적용됨"));

        tab("overview");
        await("the users section shows the injected abort", d -> section("users")
                .findElements(By.cssSelector(".badge[data-badge='abort']")).stream()
                .anyMatch(b -> b.getText().contains("500") && b.getText().contains("90")));
        send("/users/", 10, Map.of("x-circuit-test", "true"));
        await("injected errors light up", d -> !section("users")
                .findElements(By.cssSelector(".light[data-outcome='fault']")).isEmpty());
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void formErrorsShowNextToTheirFieldsInTheSelectedLanguage() throws Exception {
        tab("cinema");
        driver.findElement(By.cssSelector("#user-form button[type='submit']")).click();
        await("Korean field messages", d -> errorFor("user-form", "name").equals("필수 항목입니다."));
        assertThat(errorFor("user-form", "email")).isEqualTo("필수 항목입니다.");
        assertThat(driver.findElement(By.id("user-name")).getAttribute("aria-invalid")).isEqualTo("true");

        driver.findElement(By.id("user-email")).sendKeys("not-an-email");
        driver.findElement(By.cssSelector("#user-form button[type='submit']")).click();
        await("the email problem in Korean", d -> errorFor("user-form", "email").startsWith("이메일 주소 형식이 아닙니다"));

        await("the seat map", d -> !d.findElements(By.cssSelector("#seat-map .seat")).isEmpty());
        screenshot("dashboard-cinema.png");

        driver.findElement(By.cssSelector("button[data-lang='en']")).click();
        await("English field messages", d -> errorFor("user-form", "name").equals("This field is required."));
        assertThat(errorFor("user-form", "email")).startsWith("Not an email address");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void aChangeWrittenToCtx1AlonePointsOutThatTheClustersDifferWhereTheFindingsShow() throws Exception {
        await("both clusters are listed the same", d -> "false".equals(d.findElement(By.id("cluster-configs"))
                .getAttribute("data-differs")) && d.findElement(By.id("cluster-configs")).getText().contains("ctx2"));

        stack.stack().mesh().put("ctx1", "kubectl (ctx1)", Scenarios.ALL_USERS_TO_CTX2);

        await("the THT-W012 finding is shown", d -> d.findElements(By.cssSelector("#findings li")).stream()
                .anyMatch(li -> li.getText().contains("[THT-W012]")
                                && li.getText().contains("VirtualService theater-msa/user-service-vs")));
        WebElement clusters = driver.findElement(By.id("cluster-configs"));
        assertThat(clusters.getAttribute("data-differs")).isEqualTo("true");
        assertThat(clusters.getText()).contains("클러스터 설정이 다릅니다").contains("ctx1 세대").contains("ctx2 세대");
        screenshot("dashboard-clusters-differ.png");

        assertThat(stack.reset().statusCode()).isEqualTo(200);

        await("the difference is gone once both clusters are reset", d -> "false".equals(
                d.findElement(By.id("cluster-configs")).getAttribute("data-differs")));
        assertThat(driver.findElements(By.cssSelector("#findings li")))
                .noneMatch(li -> li.getText().contains("[THT-W012]"));
        assertThat(consoleErrors()).isEmpty();
    }

    // ---- helpers ----

    private void await(String what, Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .withMessage(() -> what + "; browser console: " + driver.manage().logs().get(LogType.BROWSER).getAll())
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    private void tab(String name) {
        driver.findElement(By.cssSelector("[data-tab='" + name + "']")).click();
    }

    private WebElement section(String id) {
        return driver.findElement(By.cssSelector("[data-section='" + id + "']"));
    }

    private List<WebElement> lights(String id, String cluster, String state) {
        return section(id).findElements(By.cssSelector(
                ".lights__row[data-cluster='" + cluster + "'] .light[data-state='" + state + "']"));
    }

    private String cell(String id, String row, String column) {
        return section(id).findElement(By.cssSelector(".split__" + row + " [data-cell='" + column + "']")).getText();
    }

    private String errorFor(String form, String field) {
        return driver.findElement(By.cssSelector("#" + form + " [data-error-for='" + field + "']")).getText();
    }

    /** GETs {@code path} {@code count} times from the test itself, outside the browser. */
    private static void send(String path, int count, Map<String, String> headers) {
        for (int i = 0; i < count; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.stack().url() + path)).GET();
            headers.forEach(request::header);
            try {
                HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void screenshot(String name) throws Exception {
        screenshot(driver, name);
    }

    /** Saves what {@code driver} shows as {@code name} under {@link #IMAGES}. */
    static void screenshot(ChromeDriver driver, String name) throws Exception {
        Files.createDirectories(IMAGES);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), IMAGES.resolve(name),
                   StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Console warnings and errors, except Chromium's own note about a real error response the test caused on
     * purpose (the 400 of an invalid form, the injected 500s).
     */
    private List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !(message.contains("/users/") && message.contains("status of 400")))
                .toList();
    }
}
