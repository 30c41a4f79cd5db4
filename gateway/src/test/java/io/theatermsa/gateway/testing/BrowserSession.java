package io.theatermsa.gateway.testing;

import io.theatermsa.platform.testing.Folders;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;

/**
 * Headless Debian Chromium driven by the Debian chromedriver, both at fixed paths so that Selenium Manager never
 * downloads anything. A missing browser fails the test with a clear message; {@code THEATER_SKIP_BROWSER=1}
 * (environment or system property) skips it instead.
 */
public final class BrowserSession implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    public static final String SKIP = "THEATER_SKIP_BROWSER";

    private final Path profile;
    private final ChromeDriver driver;

    private BrowserSession(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Starts a browser with a fresh profile and browser console logging on. */
    public static BrowserSession start(int width, int height) throws IOException {
        boolean skip = "1".equals(System.getenv(SKIP)) || "1".equals(System.getProperty(SKIP));
        Assumptions.assumeFalse(skip, SKIP + "=1: the dashboard browser test is skipped");
        requireExecutable(CHROMIUM, "chromium");
        requireExecutable(CHROMEDRIVER, "chromium-driver");
        Path profile = Files.createTempDirectory("theater-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        return new BrowserSession(profile, new ChromeDriver(service, options));
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
        try {
            Folders.deleteTree(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireExecutable(String path, String debianPackage) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: the dashboard browser test needs the Debian package '"
                    + debianPackage + "' (apt-get install chromium chromium-driver), or set " + SKIP
                    + "=1 to skip it");
        }
    }
}
