package io.newsflow.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts the system's headless Chromium (Debian's {@code chromium} and {@code chromium-driver}
 * packages) for the browser tests. Nothing is downloaded: the driver and the browser are given by
 * path, so Selenium Manager never runs. Without them the tests are skipped with a message saying how
 * to install them, unless {@code NEWSFLOW_REQUIRE_BROWSER=1} (CI sets it), when they fail instead.
 */
final class Browser {

  static final Path CHROMIUM = Path.of(System.getProperty("newsflow.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("newsflow.chromedriver", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of(System.getProperty("newsflow.screenshots", "target/screenshots"));

  private Browser() {}

  /** Tells why the browser cannot run here, or null if it can. */
  static String missing() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return null;
    }
    return "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)";
  }

  /**
   * Fails if the browser is missing and {@code NEWSFLOW_REQUIRE_BROWSER=1}; otherwise skips the calling
   * test when it is missing. Call it from {@code @BeforeEach}, so that each skipped test is reported
   * with the reason.
   */
  static void assumeAvailable() {
    String missing = missing();
    if (missing != null) {
      if ("1".equals(System.getenv("NEWSFLOW_REQUIRE_BROWSER"))) {
        Assertions.fail(missing + ", and NEWSFLOW_REQUIRE_BROWSER=1 requires them");
      }
      Assumptions.abort("skipped: " + missing);
    }
  }

  /** Returns a headless Chromium with a fresh profile; see {@link #assumeAvailable}. */
  static ChromeDriver start() {
    assumeAvailable();
    try {
      Path profile = Files.createTempDirectory("newsflow-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      // No sandbox: the tests may run as root (CI), where Chromium refuses its sandbox. The rest keep a
      // test run off the network: no update checks, sync, QUIC probes or first-run pages.
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,1000");
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort()
          .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      driver.manage().window().setSize(new Dimension(1400, 1000));
      return driver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes what the browser shows, the whole page tall, to {@code target/screenshots/NAME.png}. */
  static Path screenshot(ChromeDriver driver, String name) {
    try {
      // Grow the window to the page's height (twice: the first resize can reflow the page).
      for (int i = 0; i < 2; i++) {
        Object height = driver.executeScript("return Math.max(document.documentElement.scrollHeight, 600)");
        Object inner = driver.executeScript("return window.outerHeight - window.innerHeight");
        driver.manage().window().setSize(new Dimension(1400,
            (int) Math.min(5000, ((Number) height).longValue() + ((Number) inner).longValue() + 8)));
      }
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      driver.manage().window().setSize(new Dimension(1400, 1000));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
