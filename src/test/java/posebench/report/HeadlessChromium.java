package posebench.report;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven by its chromedriver, both at fixed paths, so Selenium never
 * downloads a browser or a driver. Where they are missing a test skips locally and fails in CI
 * ({@code CI=true}): {@code .ci/install-browser} installs them.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Collects the page's uncaught errors and rejected promises from before its first script runs. */
    private static final String ERROR_HOOK = "window.__pageErrors = [];"
            + "window.addEventListener('error', function (e) { window.__pageErrors.push(String(e.message)); });"
            + "window.addEventListener('unhandledrejection', function (e) { window.__pageErrors.push(String(e.reason)); });";

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A fresh browser with its own profile in {@code profile}. */
    static HeadlessChromium start(Path profile) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = CHROMIUM + " or " + CHROMEDRIVER + " is missing; install them with .ci/install-browser"
                    + " (Debian's chromium and chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true and " + missing);
            }
            assumeTrue(false, missing + ": skipping the browser test");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,2200", "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_HOOK));
        return new HeadlessChromium(driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens a file and waits for it to load. */
    void open(Path page) {
        driver.get(page.toAbsolutePath().toUri().toString());
    }

    /** The page's uncaught errors and the console's error messages since the last call. */
    @SuppressWarnings("unchecked")
    List<String> errors() {
        List<String> errors = new ArrayList<>((List<String>) driver.executeScript("return window.__pageErrors || [];"));
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .forEach(entry -> errors.add(entry.getMessage()));
        return errors;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
