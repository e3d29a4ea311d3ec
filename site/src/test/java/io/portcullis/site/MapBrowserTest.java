package io.portcullis.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Protocol;
import io.portcullis.config.digest.PlanDigest;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Explainer;
import io.portcullis.site.map.ReachabilityMap;
import io.portcullis.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reachability map of a generated 1,000-group estate in Debian's headless Chromium, opened from disk: collapsed by
 * account and VPC so it stays readable, filtered by account, tenant and tier, searched; an edge chosen with the
 * keyboard shows its rules, an API chosen with the keyboard shows who can reach it (as who-can-reach answers); the
 * URL fragment brings filters and selection back; every node and edge is focusable and labelled; no console
 * warning or error. The screenshot in docs/images is written to {@code target/screenshots}.
 */
class MapBrowserTest {

    @TempDir
    static Path dir;

    private static ChromeDriver browser;
    private static PortcullisConfig estate;
    private static JsonNode model;
    private static String page;

    @BeforeAll
    static void start() throws Exception {
        estate = GeneratedEstate.of(1000, 18);
        Path site = dir.resolve("site");
        Sites.write(estate, site, false);
        model = new ObjectMapper().readTree(site.resolve("map.json").toFile());
        // The console's call gives the very model the docs wrote: one model of the plan's reachability.
        long t0 = System.nanoTime();
        String json = ReachabilityMap.of(estate, AccessEngine.compile(estate).snapshot(), null, PlanDigest.of(estate).toString(), Sites.AT);
        System.out.printf("ReachabilityMap.of at 1,000 groups (engine compiled included): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(json).isEqualTo(Files.readString(site.resolve("map.json")));
        long bytes = Files.size(site.resolve("map.json"));
        System.out.printf("reachability map of 1,000 groups: %,d bytes of JSON%n", bytes);
        assertThat(bytes).as("the model stays small enough to load at once").isLessThan(4_000_000);
        page = site.resolve("map.html").toUri().toString();
        browser = HeadlessChromium.start(dir.resolve("profile"), 1400, 1000);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void noConsoleWarningOrError() {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(e.getMessage());
            }
        }
        assertThat(errors).as("console warnings and errors").isEmpty();
    }

    @Test
    void aThousandGroupsCollapseByAccountAndVpcAndEveryNodeAndEdgeIsFocusableAndLabelled() throws Exception {
        open("");
        assertThat(model.get("nodes").findValues("kind").stream().filter(k -> k.asText().equals("group"))).hasSize(1000);
        assertThat(status()).isEqualTo("Showing 20 APIs, 1000 of 1000 groups (20 collapsed by account and VPC; Enter on one expands it) "
                + "and " + browser.findElements(By.cssSelector(".rm-edge")).size() + " edges.");
        List<WebElement> drawn = browser.findElements(By.cssSelector(".rm-node, .rm-edge"));
        assertThat(browser.findElements(By.cssSelector(".rm-node"))).as("20 VPCs, 20 APIs, 20 ranges").hasSize(60);
        for (WebElement e : drawn) {
            assertThat(e.getAttribute("tabindex")).isEqualTo("0");
            assertThat(e.getAttribute("role")).isEqualTo("button");
            assertThat(e.getAttribute("aria-label")).isNotBlank();
        }
        for (String control : List.of("rm-account", "rm-tenant", "rm-tier", "rm-search")) {
            assertThat(browser.findElements(By.cssSelector("label[for=" + control + "]"))).as("label of %s", control).hasSize(1);
        }
        Path shots = Path.of("target/screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("living-docs-map-1000-groups.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // A filter redraws at once (the renderer works synchronously): measured, and bounded loosely.
        Number ms = (Number) js("var s = document.getElementById('rm-tier'); var t = performance.now(); s.value = 'edge';"
                + " s.dispatchEvent(new Event('change')); s.value = ''; s.dispatchEvent(new Event('change')); return performance.now() - t;");
        System.out.printf("two redraws of the 1,000-group map: %.1f ms%n", ms.doubleValue());
        assertThat(ms.doubleValue()).isLessThan(2000);

        // Enter on a collapsed VPC draws its groups.
        WebElement vpc = browser.findElement(By.cssSelector(".rm-cluster[data-sel='node:vpc:" + GeneratedEstate.account(3) + "/vpc-7']"));
        focusByTab(vpc);
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        wait(b -> b.findElements(By.cssSelector(".rm-node.rm-group")).size() == 50);
        assertThat(browser.getCurrentUrl()).contains("open=vpc%3A" + GeneratedEstate.account(3) + "%2Fvpc-7");
        browser.findElement(By.id("rm-collapse")).click();
        wait(b -> b.findElements(By.cssSelector(".rm-node.rm-group")).isEmpty());
        assertThat(browser.getCurrentUrl()).doesNotContain("open=");
    }

    @Test
    void filtersByAccountTenantAndTierAndSearches() {
        open("");
        new Select(browser.findElement(By.id("rm-account"))).selectByValue(GeneratedEstate.account(3));
        assertThat(apis()).containsExactly("API api-6", "API api-7");
        assertThat(browser.getCurrentUrl()).endsWith("#account=" + GeneratedEstate.account(3));

        new Select(browser.findElement(By.id("rm-account"))).selectByValue("");
        new Select(browser.findElement(By.id("rm-tenant"))).selectByValue("tenant-1");
        assertThat(apis()).containsExactly("API api-4", "API api-5", "API api-6", "API api-7");
        new Select(browser.findElement(By.id("rm-tier"))).selectByValue("core");
        assertThat(apis()).as("tenant-1 and tier core: account 3 only").containsExactly("API api-6", "API api-7");
        assertThat(browser.getCurrentUrl()).endsWith("#tenant=tenant-1&tier=core");

        browser.findElement(By.id("rm-reset")).click();
        browser.findElement(By.id("rm-search")).sendKeys("sg-7-m-3 ");
        wait(b -> groups().contains(GeneratedEstate.account(3) + "/sg-7-m-3 (vpc-7)"));
        assertThat(groups()).as("the groups matched and those they reference, no more").contains(GeneratedEstate.account(3) + "/sg-7-m-33 (vpc-7)")
                .hasSizeLessThan(20);
        assertThat(status()).doesNotContain("collapsed");
        assertThat(browser.findElements(By.cssSelector(".rm-node.rm-match"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.getCurrentUrl()).endsWith("#q=sg-7-m-3+");
    }

    @Test
    void theKeyboardChoosesAnEdgeAndSeesItsRulesThenAnApiAndSeesWhoCanReachIt() throws Exception {
        open("#q=api-7");
        // Tab from the search box to the first admission edge of api-7, and Enter.
        WebElement edge = browser.findElements(By.cssSelector(".rm-edge.rm-e-admits")).get(0);
        String sel = edge.getAttribute("data-sel");
        focusByTab(edge);
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        wait(b -> b.findElement(By.id("rm-details")).getText().startsWith("Edge: admits"));
        JsonNode e = modelEdge(sel.substring("edge:".length()));
        List<String> shown = cells("#rm-details table.rm-rules tbody tr", 0);
        List<String> rules = StreamSupport.stream(e.get("rules").spliterator(), false).map(r -> r.get("id").asText()).toList();
        assertThat(shown).isEqualTo(rules).isNotEmpty();
        assertThat(browser.findElement(By.id("rm-details")).getText()).contains(e.get("rules").get(0).get("justification").asText());
        assertThat(browser.getCurrentUrl()).contains("sel=edge%3A" + sel.substring(5));
        assertThat(browser.switchTo().activeElement().getAttribute("data-sel")).as("focus stays on the chosen edge").isEqualTo(sel);

        // Then the API itself: who can reach it, as who-can-reach answers.
        WebElement api = browser.findElement(By.cssSelector(".rm-node.rm-api[data-sel='node:api:api-7']"));
        focusByTab(api);
        new Actions(browser).sendKeys(Keys.SPACE).perform();
        wait(b -> b.findElement(By.id("rm-details")).getText().startsWith("API api-7"));
        List<Explainer.Reach> reach = new Explainer(AccessEngine.compile(estate).snapshot()).whoCanReach("api-7", Protocol.TCP.number(), null, Sites.AT);
        List<String> callers = cells("#rm-details table.rm-reach tbody tr", 0);
        assertThat(callers).isEqualTo(reach.stream().map(r -> r.kind() + " " + r.subject() + (r.now() ? "" : " (scheduled)")).toList());
        assertThat(cells("#rm-details table.rm-reach tbody tr", 1)).isEqualTo(reach.stream().map(Explainer.Reach::rule).toList());
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/living-docs-map-api.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // The URL brings the search and the selection back.
        String url = browser.getCurrentUrl();
        assertThat(url).endsWith("#q=api-7&sel=node%3Aapi%3Aapi-7");
        browser.get("about:blank");
        browser.get(url);
        wait(b -> b.findElement(By.id("rm-details")).getText().startsWith("API api-7"));
        assertThat(browser.findElement(By.id("rm-search")).getAttribute("value")).isEqualTo("api-7");
        assertThat(browser.findElement(By.cssSelector("[data-sel='node:api:api-7']")).getAttribute("aria-pressed")).isEqualTo("true");
    }

    private static void open(String fragment) {
        browser.get("about:blank");
        browser.get(page + fragment);
        wait(b -> !b.findElements(By.cssSelector("svg.rm-svg")).isEmpty());
    }

    /** Presses Tab from the search box until {@code target} has the focus (the keyboard path a user takes). */
    private static void focusByTab(WebElement target) {
        browser.findElement(By.id("rm-search")).click();
        for (int i = 0; i < 2000; i++) {
            if (target.equals(browser.switchTo().activeElement())) {
                return;
            }
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached " + target.getAttribute("aria-label"));
    }

    private static String status() {
        return browser.findElement(By.id("rm-status")).getText();
    }

    private static List<String> apis() {
        return browser.findElements(By.cssSelector("#rm-apis button")).stream().map(WebElement::getText).toList();
    }

    private static List<String> groups() {
        return browser.findElements(By.cssSelector("#rm-groups button")).stream().map(WebElement::getText).toList();
    }

    private static List<String> cells(String rows, int column) {
        return browser.findElements(By.cssSelector(rows)).stream()
                .map(r -> r.findElements(By.tagName("td")).get(column).getText()).toList();
    }

    private static JsonNode modelEdge(String id) {
        return StreamSupport.stream(model.get("edges").spliterator(), false).filter(e -> e.get("id").asText().equals(id)).findFirst()
                .orElseThrow();
    }

    private static void wait(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> until) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(until::apply);
    }

    static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
