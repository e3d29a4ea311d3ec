package io.portcullis.testing;

import java.io.File;
import java.nio.file.Path;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver (both named by path, and surefire sets
 * {@code SE_OFFLINE=true}, so Selenium never looks for anything to download), with a fresh profile and the
 * browser's console kept for the test to read ({@code goog:loggingPrefs}). For the tests of generated pages
 * (docs/decisions/0901-selenium.md); a module that uses it declares Selenium itself.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** A browser with its profile in {@code profile} (a fresh directory) and a window of the given size. */
    public static ChromeDriver start(Path profile, int width, int height) {
        return start(profile, width, height, new String[0]);
    }

    /**
     * As {@link #start(Path, int, int)}, with more command-line switches (e.g. {@code --ignore-certificate-errors-spki-list}
     * naming the one test server key a page over HTTPS is served with).
     */
    public static ChromeDriver start(Path profile, int width, int height, String... switches) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-gpu", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        options.addArguments(switches);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
