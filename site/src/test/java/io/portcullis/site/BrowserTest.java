package io.portcullis.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.testing.HeadlessChromium;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The examples/trading site, and the site of an AWS estate (its API Gateway API pages), in a real browser: Debian's
 * headless Chromium, driven by its chromedriver, opens each site from disk (file://), follows every link, image,
 * stylesheet and script of every page and diagram without a missing file, logs no console error, and its search
 * finds a group and an AWS API. Screenshots of an API page and a diagram are
 * written to {@code target/screenshots} (the ones in docs/images were taken this way).
 */
class BrowserTest {

    @TempDir
    static Path dir;

    private static ChromeDriver browser;
    private static Path site;
    private static Path awsSite;

    @BeforeAll
    static void start() throws Exception {
        site = dir.resolve("site");
        Sites.write(Sites.trading(), Sites.tradingSources(), site, true);
        awsSite = dir.resolve("aws-site");
        Sites.write(Sites.aws(), awsSite, true);
        browser = HeadlessChromium.start(dir.resolve("profile"), 1300, 1400);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyLinkResolvesAndNoPageLogsAnError() throws Exception {
        Crawl c = crawl(site);
        assertThat(c.visited()).as("pages and diagrams opened").hasSizeGreaterThanOrEqualTo(2 + 11 + 3 + 3);
        assertThat(c.links()).isGreaterThan(100);
    }

    @Test
    void theAwsApiPagesAndTheirLinksResolveWithoutAnError() throws Exception {
        Crawl c = crawl(awsSite);
        for (String page : List.of("aws-apis/seedfixed1.html", "aws-apis/nopolicy01.html", "diagrams/aws-api-seedfixed1.svg",
                "groups/111111111111_sg-app-a.html")) {
            assertThat(c.visited()).as("every AWS API page, its diagram and the group pages they link to")
                    .anyMatch(u -> u.endsWith("/aws-site/" + page));
        }
        assertThat(c.visited().stream().filter(u -> u.contains("/aws-apis/"))).hasSize(Sites.aws().awsApis().size());
        browser.get(awsSite.resolve("index.html").toUri().toString());
        browser.findElement(By.id("search")).sendKeys("seedfixed1");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> !b.findElements(By.cssSelector("#results a")).isEmpty());
        browser.findElement(By.cssSelector("#results a")).click();
        assertThat(browser.getTitle()).isEqualTo("AWS API seed-fixed (seedfixed1) · Portcullis");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("vpce-0aaa (vpc-a, account 111111111111)")
                .contains("DenyUnlessOurEndpoint");
        Path shots = Path.of("target/screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("living-docs-aws-api-seedfixed1.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** The pages and diagrams opened from a site's index, and the links, images, stylesheets and scripts followed. */
    private record Crawl(Set<String> visited, int links) {}

    /**
     * Opens {@code root}'s index and everything it links to, transitively: every target must be a file on disk and no
     * page may log a console warning or error.
     */
    private static Crawl crawl(Path rootDir) throws Exception {
        URI root = rootDir.toUri();
        ArrayDeque<URI> queue = new ArrayDeque<>(List.of(root.resolve("index.html")));
        Set<String> visited = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int links = 0;
        while (!queue.isEmpty()) {
            URI page = queue.poll();
            if (!visited.add(page.toString())) {
                continue;
            }
            browser.get(page.toString());
            @SuppressWarnings("unchecked")
            List<String> targets = (List<String>) ((JavascriptExecutor) browser).executeScript(
                    "var out = [];"
                    + "document.querySelectorAll('a').forEach(function (a) {"
                    + "  var h = a.getAttribute('href') || a.getAttribute('xlink:href'); if (h) out.push(new URL(h, document.baseURI).href); });"
                    + "document.querySelectorAll('img[src], script[src]').forEach(function (e) { out.push(e.src); });"
                    + "document.querySelectorAll('link[href]').forEach(function (e) { out.push(e.href); });"
                    + "return out;");
            for (String t : targets) {
                links++;
                URI u = URI.create(t.replaceFirst("#.*$", ""));
                assertThat(u.getScheme()).as("%s links to %s: everything is on disk", page, t).isEqualTo("file");
                Path file = Path.of(u);
                if (!Files.isRegularFile(file)) {
                    missing.add(page + " -> " + t);
                } else if (file.toString().endsWith(".html") || file.toString().endsWith(".svg")) {
                    queue.add(u);
                }
            }
            for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                    errors.add(page + ": " + e.getMessage());
                }
            }
        }
        assertThat(missing).as("links to missing files").isEmpty();
        assertThat(errors).as("console errors and warnings").isEmpty();
        return new Crawl(visited, links);
    }

    @Test
    void searchFindsAGroupByItsDescriptionAndLinksToItsPage() {
        browser.get(site.resolve("index.html").toUri().toString());
        browser.findElement(By.id("search")).sendKeys("legacy gateway");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> !b.findElements(By.cssSelector("#results a")).isEmpty());
        var hit = browser.findElement(By.cssSelector("#results a"));
        assertThat(hit.getText()).isEqualTo("group 111111111111/sg-legacy-gw");
        hit.click();
        assertThat(browser.getTitle()).isEqualTo("Group 111111111111/sg-legacy-gw · Portcullis");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("111111111111/sg-orders-api ingress[3]")
                .contains("expires 2025-06-30T00:00:00Z");
    }

    @Test
    void screenshotsOfAnApiPageAndADiagram() throws Exception {
        Path shots = Path.of("target/screenshots");
        Files.createDirectories(shots);
        browser.get(site.resolve("apis/orders.html").toUri().toString());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("API orders");
        Files.write(shots.resolve("living-docs-api-orders.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        browser.get(site.resolve("diagrams/api-orders.svg").toUri().toString());
        assertThat(browser.getPageSource()).contains("sg-trading-clients");
        Files.write(shots.resolve("living-docs-diagram-orders.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(shots.resolve("living-docs-api-orders.png"))).isGreaterThan(10_000);
    }
}
