package io.portcullis.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one compiler: what {@code validate}, {@code run} and a reload share. Each problem is found by the step that
 * would fail at serve time and reported at the file, line and column it was written at, named by id.
 */
class PlanCompilerTest {

    private static final Path TRADING = Path.of("../examples/trading");

    @TempDir
    Path dir;

    private final PlanCompiler compiler = PlanCompiler.create();

    @AfterEach
    void close() {
        compiler.close();
    }

    private Path trading() throws IOException {
        Path copy = dir.resolve("trading");
        try (Stream<Path> files = Files.walk(TRADING)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(TRADING.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return copy;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void compilesTheExampleIntoAPlanWithItsWarnings() {
        Compilation c = compiler.compile(List.of(TRADING));
        assertThat(c.errors()).isEmpty();
        Plan plan = c.plan().orElseThrow();
        assertThat(plan.gateway().apis()).extracting(a -> a.name()).containsExactly("orders", "analytics");
        assertThat(plan.api("orders")).isPresent();
        compiler.discard(plan);
    }

    @Test
    void anUnreadableKeyFileIsAnErrorAtTheLineThatNamesIt() throws IOException {
        Path config = trading();
        Path apis = config.resolve("apis.yaml");
        edit(apis, "jwks: keys/idp-jwks.json", "jwks: keys/nosuch.json");
        Compilation c = compiler.compile(List.of(config));
        assertThat(c.plan()).isEmpty();
        Problem p = c.errors().get(0);
        assertThat(c.errors()).hasSize(1);
        assertThat(p.file()).isEqualTo(apis.toString());
        assertThat(p.line()).isEqualTo(lineOf(apis, "nosuch.json"));
        assertThat(p.column()).isPositive();
        assertThat(p.named()).isEqualTo("apis[0](orders).auth.jwt.jwks");
        assertThat(p.toString()).startsWith(apis + ":" + p.line() + ":" + p.column() + ": apis[0](orders).auth.jwt.jwks: ")
                .contains("nosuch.json");
    }

    @Test
    void aProblemInTheSecondFileOfADirectoryIsPlacedInThatFileAtItsOwnIndex() throws IOException {
        Path config = trading();
        Path more = config.resolve("zz-more.yaml");
        Files.writeString(more, """
                # a later file adds one API; its index in this file is 0, in the merged configuration 2
                apis:
                  - name: ledger
                    account: "111111111111"
                    vpc: vpc-trading
                    listen: "0.0.0.0:8444"
                    securityGroups: [sg-orders-api]
                    upstream: "http://10.10.5.21:8080"
                    tls: {cert: certs/nosuch.pem, key: certs/nosuch.key}
                """);
        Compilation c = compiler.compile(List.of(config));
        assertThat(c.errorLines()).hasSize(2).allSatisfy(e -> assertThat(e).startsWith(more + ":9:"))
                .anySatisfy(e -> assertThat(e).contains(": apis[0](ledger).tls.cert: ").contains("does not exist"))
                .anySatisfy(e -> assertThat(e).contains(": apis[0](ledger).tls.key: "));
    }

    @Test
    void anAdminListenerOnAnApisPortIsRefusedBeforeAnythingBinds() throws IOException {
        Path config = trading();
        Files.writeString(config.resolve("node.yaml"), "admin: {listen: \"127.0.0.1:8443\"}\n");
        Compilation c = compiler.compile(List.of(config));
        assertThat(c.errorLines()).singleElement().asString()
                .startsWith(config.resolve("node.yaml") + ":1:")
                .contains("admin.listen: 127.0.0.1:8443 is also where API orders listens");
    }

    @Test
    void nodeSectionsAreCheckedAsStartingThemWould() throws IOException {
        Path config = trading();
        Files.writeString(config.resolve("node.yaml"), """
                audit: {dir: %s, signingKey: %s}
                alerts:
                  webhook: {url: "https://alerts.example/hook", secretFile: nosuch-secret}
                threatFeeds:
                  - {name: drop, file: nosuch-feed.txt, format: spamhaus-drop, refresh: 1h}
                """.formatted(dir.resolve("audit"), config.resolve("nosuch.key")));
        Compilation c = compiler.compile(List.of(config));
        assertThat(c.errors()).extracting(Problem::path)
                .containsExactlyInAnyOrder("audit.signingKey", "alerts.webhook.secretFile");
        assertThat(c.warnings()).extracting(Problem::path).contains("threatFeeds[0].file"); // retried while serving
    }

    @Test
    void aPolicyErrorIsReportedOnce() throws IOException {
        Path config = trading();
        edit(config.resolve("apis.yaml"), "StringNotEquals:", "StringNotEqualz:");
        Compilation c = compiler.compile(List.of(config));
        Path apis = config.resolve("apis.yaml");
        assertThat(c.errorLines()).singleElement().asString()
                .startsWith(apis + ":" + lineOf(apis, "StringNotEqualz") + ":")
                .contains(": apis[0](orders).resourcePolicy.Statement[0].Condition.StringNotEqualz: unknown condition operator");
    }
}
