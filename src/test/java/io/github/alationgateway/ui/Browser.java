package io.github.alationgateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by its own chromedriver, both named by path so that Selenium Manager never looks for
 * (or downloads) anything. Skipped where Chromium is not installed, failed instead where
 * GATEWAY_REQUIRE_BROWSER=true (CI installs it and must not skip silently).
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final String origin;
    private final Path profile;

    private Browser(ChromeDriver driver, String origin, Path profile) {
        this.driver = driver;
        this.origin = origin;
        this.profile = profile;
    }

    static Browser start(String origin) throws IOException {
        boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!installed) {
            String message = "Chromium is not installed (apt-get install -y chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("GATEWAY_REQUIRE_BROWSER"))) {
                throw new IllegalStateException("GATEWAY_REQUIRE_BROWSER=true but " + message);
            }
            Assumptions.abort(message);
        }
        Path profile = Files.createTempDirectory("dashboard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().window().setSize(new Dimension(1280, 900));
        return new Browser(driver, origin, profile);
    }

    void open(String path) {
        driver.get(origin + path);
    }

    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(origin) ? url.substring(origin.length()) : url;
    }

    /**
     * The first element matching, waiting for it: after a navigation WebDriver may answer before the new page has
     * loaded (a full verify failed four tests on #api-key right after opening the sign-in page).
     */
    WebElement find(String css) {
        return waiting().until(d -> d.findElement(By.cssSelector(css)));
    }

    /**
     * The text of the first element matching, once there is one: after a form is sent, WebDriver's click may
     * return before the page it leads to has loaded.
     */
    String awaitText(String css) {
        return waiting()
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d ->
                        all(css).stream().findFirst().map(WebElement::getText).orElse(null));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /**
     * An attribute of every element matching, read in one script: live regions may be replaced between two
     * WebDriver calls, so reading element by element could meet one that is gone.
     */
    @SuppressWarnings("unchecked")
    List<String> attributes(String css, String attribute) {
        return (List<String>) ((JavascriptExecutor) driver)
                .executeScript(
                        "var name = arguments[1]; return Array.from(document.querySelectorAll(arguments[0]))"
                                + ".map(function (e) { return e.getAttribute(name); });",
                        css,
                        attribute);
    }

    /** Text of every element matching, read in one script. */
    @SuppressWarnings("unchecked")
    List<String> texts(String css) {
        return (List<String>) ((JavascriptExecutor) driver)
                .executeScript(
                        "return Array.from(document.querySelectorAll(arguments[0]))"
                                + ".map(function (e) { return e.textContent.trim(); });",
                        css);
    }

    /** The {@code dd} of the {@code dt} reading {@code term}, in the definition list at {@code list}. */
    String definition(String list, String term) {
        return all(list + " div").stream()
                .filter(d -> d.findElement(By.tagName("dt")).getText().equals(term))
                .map(d -> d.findElement(By.tagName("dd")).getText())
                .findFirst()
                .orElse(null);
    }

    /** Runs a script in the page and answers what it returns. */
    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    String backgroundColor() {
        return (String)
                ((JavascriptExecutor) driver).executeScript("return getComputedStyle(document.body).backgroundColor;");
    }

    /** Emulates a system in dark (or light) mode, through chromedriver's own DevTools call. */
    void prefersDark(boolean dark) {
        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                java.util.Map.of(
                        "features",
                        List.of(java.util.Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    /** Clicks the element, finding it again if a live region replaced it meanwhile. */
    void click(String css) {
        waiting()
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    find(css).click();
                    return true;
                });
    }

    /** Signs in on a fresh form and waits until the browser has left it (to the page, or back with an error). */
    void signIn(String key) {
        open("/ui/sign-in");
        find("#api-key").clear();
        find("#api-key").sendKeys(key);
        WebElement submit = find("form button[type=submit]");
        submit.click();
        waiting().until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(submit));
    }

    /** Signs out and waits for the sign-in page, so that the next step does not race the page being left. */
    void signOut() {
        find("header .who button").click();
        waiting().until(d -> path().startsWith("/ui/sign-in"));
    }

    /** Every resource the page loaded came from the gateway itself. */
    void assertSameOriginOnly() {
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) ((JavascriptExecutor) driver)
                .executeScript("return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
                        + ".concat([document.location.href]);");
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin + "/"));
        List<String> foreign = all("script[src], link[href], img[src]").stream()
                .map(e -> e.getAttribute("src") != null ? e.getDomProperty("src") : e.getDomProperty("href"))
                .filter(url -> url != null && !url.startsWith(origin + "/"))
                .toList();
        assertThat(foreign).as("elements pointing at another origin").isEmpty();
    }

    /** Messages the console got since the last call, errors included (a CSP violation is one). */
    List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    void assertNoConsoleErrors() {
        assertThat(console())
                .as("browser console errors on " + path())
                .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .isEmpty();
    }

    /** The page at a desktop and at a phone's width, whole, under target/screenshots. */
    void screenshots(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        for (int width : new int[] {1280, 390}) {
            driver.manage().window().setSize(new Dimension(width, 900));
            Number height = (Number)
                    ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;");
            driver.manage().window().setSize(new Dimension(width, Math.min(6000, Math.max(900, height.intValue()))));
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + "-" + width + ".png"), png);
        }
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .map(Path::toFile)
                        .forEach(File::delete);
            }
        }
    }
}
