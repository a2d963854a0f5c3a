package dev.cadenza.api.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Chromium, headless, driven by the system's chromedriver (Debian: {@code apt-get
 * install chromium chromium-driver}; elsewhere {@code CHROME_BIN} and {@code CHROMEDRIVER}).
 * Nothing is downloaded: Selenium Manager is never asked, because both paths are given.
 */
final class HeadlessChromium implements AutoCloseable {
  /** Long enough for a SvelteKit page on a busy 2-core machine, short enough to fail in time. */
  static final Duration WAIT = Duration.ofSeconds(20);

  private final ChromeDriver driver;
  private final Path profile;
  private final Path screenshots;

  private HeadlessChromium(ChromeDriver driver, Path profile, Path screenshots) {
    this.driver = driver;
    this.profile = profile;
    this.screenshots = screenshots;
  }

  /**
   * Starts the browser, or stops the test when Chromium or chromedriver is missing: it fails in CI
   * ({@code CI=true}), where a skipped browser test would prove nothing, and is skipped elsewhere.
   */
  static HeadlessChromium start(Path screenshots) {
    Optional<Path> browser =
        find("CHROME_BIN", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    Optional<Path> chromedriver = find("CHROMEDRIVER", "chromedriver");
    if (browser.isEmpty() || chromedriver.isEmpty()) {
      requireInCi("Chromium and chromedriver are needed for the Temporal UI test (found browser: "
          + browser.map(Path::toString).orElse("none") + ", chromedriver: "
          + chromedriver.map(Path::toString).orElse("none")
          + "); install the Debian packages chromium and chromium-driver,"
          + " or set CHROME_BIN and CHROMEDRIVER");
    }
    try {
      Path profile = Files.createTempDirectory("cadenza-ui-test-chromium");
      Files.createDirectories(screenshots);
      ChromeOptions options = new ChromeOptions()
          .setBinary(browser.get().toFile())
          .addArguments(
              "--headless=new",
              "--no-sandbox", // root in CI containers
              "--disable-dev-shm-usage",
              "--disable-gpu",
              "--window-size=1600,1800",
              "--user-data-dir=" + profile);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(chromedriver.get().toFile())
          .usingAnyFreePort()
          .build();
      return new HeadlessChromium(new ChromeDriver(service, options), profile, screenshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails the test in CI, skips it elsewhere. */
  static void requireInCi(String message) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message + " (CI=true: failing instead of skipping)");
    }
    Assumptions.abort(message);
  }

  WebDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  /** Waits for what {@code condition} returns to be non-null and non-false, then returns it. */
  <T> T await(String what, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
    } catch (TimeoutException e) {
      // What the page showed instead is the first thing to look at.
      String name = what.replaceAll("[^A-Za-z0-9]+", "-");
      screenshot("failed-" + name.substring(0, Math.min(60, name.length())));
      throw e;
    }
  }

  /** Waits for the element with this {@code data-testid} to be displayed. */
  WebElement byTestId(String testId) {
    By by = By.cssSelector("[data-testid='" + testId + "']");
    return await(
        "element [data-testid=" + testId + "] shown",
        d -> d.findElements(by).stream()
            .filter(WebElement::isDisplayed)
            .findFirst()
            .orElse(null));
  }

  /** Clicks the element with this {@code data-testid}, in the middle of the window (not under the
   * UI's sticky top bar). */
  void click(String testId) {
    WebElement element = byTestId(testId);
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    element.click();
  }

  /** Waits for the page's visible text to contain every one of {@code texts}. */
  String awaitText(String what, List<String> texts) {
    return await(what + ": " + texts, d -> {
      String shown = d.findElement(By.tagName("body")).getText();
      return texts.stream().allMatch(shown::contains) ? shown : null;
    });
  }

  /** Waits for the iframe with this id (the UI renders summaries as markdown in one) to show. */
  String awaitFrameText(String what, String frameId, String text) {
    return await(what + ": " + text, d -> {
      d.switchTo().frame(d.findElement(By.id(frameId)));
      try {
        String shown = d.findElement(By.tagName("body")).getText();
        return shown.contains(text) ? shown : null;
      } finally {
        d.switchTo().defaultContent();
      }
    });
  }

  /** Scrolls the page so that the element is in the middle of the window. */
  void scrollTo(By element) {
    WebElement found = await("to scroll to " + element, d -> d.findElement(element));
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", found);
  }

  /** Saves the visible window as {@code name}.png among the build's screenshots. */
  Path screenshot(String name) {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Path target = screenshots.resolve(name + ".png");
    try {
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A temporary profile left behind is harmless.
      }
    }
  }

  private static Optional<Path> find(String variable, String... names) {
    List<Path> candidates = new ArrayList<>();
    String set = System.getenv(variable);
    if (set != null && !set.isBlank()) {
      candidates.add(Path.of(set));
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : names) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, name));
        }
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }
}
