package io.theatermsa.cli.dashboard;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

/** Reading a dashboard card in the browser: its text, waiting (boundedly) for it to change, the console's warnings. */
final class Cards {

    private Cards() {
    }

    static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** Waits at most 20 s for {@code condition}; the failure says {@code what} and the browser console. */
    static void await(ChromeDriver driver, String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .withMessage(() -> what + "; browser console: " + driver.manage().logs().get(LogType.BROWSER).getAll())
                .ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** The browser console's warnings and errors so far. */
    static List<String> consoleWarnings(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage).toList();
    }
}
