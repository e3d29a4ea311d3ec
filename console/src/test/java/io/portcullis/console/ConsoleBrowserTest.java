package io.portcullis.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.verify.ProofDocument;
import io.portcullis.testing.HeadlessChromium;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console end to end: a real node on loopback with its console, a load generator sending admitted and refused
 * traffic, and Debian's headless Chromium signing in, watching the live counts move, opening a refused request's
 * explanation, running an explain, fetching a proof that the audit module's verify-proof code accepts; and users
 * without a session or with the viewer role getting nothing they should not. The screenshots in docs/console/
 * are the ones this test writes to {@code target/screenshots}.
 */
class ConsoleBrowserTest {

    @TempDir
    static Path dir;

    private static ConsoleNode node;
    private static Load load;
    private static ChromeDriver browser;
    private static final Path SHOTS = Path.of("target", "screenshots");

    @BeforeAll
    static void start() throws Exception {
        node = new ConsoleNode(dir.resolve("node"));
        load = new Load(20, new Load.Shot("127.0.2.21", node.ledger, "GET", "/ledger/7"),
                new Load.Shot("127.0.1.66", node.orders, "GET", "/orders/42"),
                new Load.Shot("127.0.2.21", node.ledger, "GET", "/ledger/8"),
                new Load.Shot("127.0.1.11", node.ledger, "GET", "/ledger/7"));
        browser = HeadlessChromium.start(dir.resolve("profile"), 1366, 900);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (load != null) {
            load.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anOperatorWatchesTrafficOpensARefusalExplainsAndVerifiesAProof() throws Exception {
        browser.manage().logs().get(LogType.BROWSER); // what the other tests logged (their refusals) is read away
        browser.manage().deleteAllCookies();
        browser.get(node.uri("/traffic").toString());
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        shot("login");
        signIn(node.demo.consoleToken("ops-1", "operator"));
        assertThat(browser.getCurrentUrl()).endsWith("/traffic");
        wait(30).until(b -> !text("#plan").equals("…"));
        assertThat(text("#plan")).isEqualTo(node.node.plan().digest().toString());
        assertThat(text("#who")).isEqualTo("ops-1 (operator)");

        long first = requests("ledger");
        wait(30).until(b -> requests("ledger") > first + 5);
        wait(30).until(b -> !browser.findElements(By.cssSelector("#traffic-refused tbody tr")).isEmpty());
        assertThat(text("#traffic-decisions")).contains("no-matching-rule");
        shot("traffic");

        browser.findElement(By.cssSelector("nav a[data-view=decisions]")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/decisions");
        wait(30).until(b -> !browser.findElements(By.cssSelector("#decisions tbody tr")).isEmpty());
        browser.findElement(By.name("verdict")).sendKeys("denied");
        browser.findElement(By.name("source")).sendKeys("127.0.1.66");
        browser.findElement(By.cssSelector("#search button[type=submit]")).click();
        wait(30).until(b -> text("#decisions-status").contains("matching record"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#decisions tbody tr"));
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).getText()).contains("127.0.1.66").contains("no-matching-rule");
        String index = rows.get(0).getAttribute("data-index");
        rows.get(0).findElement(By.tagName("button")).click();
        wait(30).until(b -> !browser.findElements(By.cssSelector("#detail-body table.steps")).isEmpty());
        assertThat(browser.getCurrentUrl()).endsWith("/decisions?record=" + index);
        String detail = text("#detail-body");
        assertThat(detail).contains("As recorded").contains("no-matching-rule").contains("DENY").contains("NETWORK");
        shot("decisions");

        browser.get(browser.getCurrentUrl()); // the record's URL is stable: it opens again on its own
        wait(30).until(b -> !browser.findElements(By.cssSelector("#detail-body table.steps")).isEmpty());

        browser.findElement(By.cssSelector("nav a[data-view=explain]")).click();
        WebElement form = browser.findElement(By.id("explain-form"));
        form.findElement(By.name("source")).sendKeys("workload:risk-1");
        form.findElement(By.name("api")).sendKeys("payments");
        form.findElement(By.name("request")).sendKeys("GET /payments/7");
        form.findElement(By.name("token")).sendKeys(node.demo.token("trader-1", List.of("sg-traders")));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait(30).until(b -> !browser.findElements(By.cssSelector("#explain-result table.steps")).isEmpty());
        assertThat(text("#explain-result")).contains("DENY").contains("claims-network-mismatch");
        shot("explain");

        browser.findElement(By.cssSelector("nav a[data-view=audit]")).click();
        wait(60).until(b -> text("#audit-verification").startsWith("Verified intact"));
        wait(30).until(b -> !browser.findElements(By.cssSelector("#checkpoints tbody tr")).isEmpty());
        shot("audit");
        String proof = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/audit/proof?record=" + index + "').then(r => r.text()).then(done);");
        ProofDocument doc = ProofDocument.parse(proof);
        doc.verify(AuditKeys.readPublicKey(node.publicKey())); // what portcullis audit verify-proof runs
        assertThat(doc.proof().leafIndex()).isEqualTo(Long.parseLong(index));

        browser.findElement(By.cssSelector("nav a[data-view=changes]")).click();
        wait(30).until(b -> !text("#changes-body").isEmpty());
        shot("changes");
        browser.findElement(By.cssSelector("nav a[data-view=reachability]")).click();
        // the living documentation's map of the plan in force: every API of the node drawn, each one focusable
        wait(30).until(b -> b.findElements(By.cssSelector("#reach-body .rm-node.rm-api")).size()
                == node.node.plan().config().apis().size());
        String reach = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/reachability').then(r => r.json()).then(m => done(m.digest));");
        assertThat(reach).isEqualTo(node.node.plan().digest().toString());
        shot("reachability");

        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    @Test
    void aViewerReadsButCannotExplainWithATokenOrDownloadProofs() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(node.uri("/login").toString());
        signIn(node.demo.consoleToken("auditor-1", "viewer"));
        wait(30).until(b -> text("#who").equals("auditor-1 (viewer)"));
        assertThat(browser.findElement(By.cssSelector("#explain-form textarea[name=token]")).isEnabled()).isFalse();
        assertThat(fetchStatus("/api/audit/proof?record=0")).isEqualTo(403);
        assertThat(fetchStatus("/api/traffic")).isEqualTo(200);
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/explain', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify("
                        + "{source: 'workload:risk-1', api: 'payments', request: 'GET /payments/7', token: 'x.y.z'})}).then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(403);
    }

    @Test
    void withoutASessionNothingButTheLoginPageIsServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/traffic", "/decisions?record=1", "/audit", "/static/console.js")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).as(path).hasValue("/login");
            assertThat(r.body()).as(path).isEmpty();
        }
        for (String path : List.of("/api/traffic", "/api/stream", "/api/decisions", "/api/decisions/1", "/api/audit",
                "/api/audit/proof?record=1", "/api/audit/key", "/api/changes", "/api/me")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.body()).as(path).doesNotContain("sha256:").doesNotContain("127.0.");
        }
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(node.uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("Access token").doesNotContain("sha256:");
        // A forged session cookie, a token with no console role and a token of another audience open nothing.
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(node.uri("/api/traffic"))
                .header("Cookie", "portcullis_console=forged").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        browser.manage().deleteAllCookies();
        browser.get(node.uri("/login").toString());
        signIn(node.demo.consoleToken("nobody", "trader"));
        assertThat(browser.getCurrentUrl()).endsWith("/login?refused=1");
        assertThat(browser.findElement(By.id("refused")).isDisplayed()).isTrue();
        signIn(node.demo.token("trader-1", List.of("sg-traders")));
        assertThat(browser.getCurrentUrl()).endsWith("/login?refused=1");
        assertThat(fetchStatus("/api/traffic")).isEqualTo(401);
    }

    private int fetchStatus(String path) {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch('" + path + "').then(r => done(r.status));");
        return ((Number) status).intValue();
    }

    private static void signIn(String token) {
        WebElement box = browser.findElement(By.id("token"));
        box.clear();
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", box, token);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(30).until(b -> ((JavascriptExecutor) b).executeScript("return document.readyState").equals("complete"));
    }

    private static long requests(String api) {
        String t = text("#traffic-apis tr[data-api=" + api + "] .requests");
        return t.isEmpty() ? -1 : Long.parseLong(t);
    }

    /** The element's text, read in one script (the live views replace their rows every second). */
    private static String text(String css) {
        Object t = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : '';", css);
        return t == null ? "" : t.toString();
    }

    private static WebDriverWait wait(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

}
