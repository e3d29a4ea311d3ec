package io.portcullis.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.runtime.demo.DemoConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reload changes, named section by section, from plans compiled out of real configuration files. */
class PlanChangesTest {

    private static final URI UPSTREAM = URI.create("http://127.0.0.1:9");

    @TempDir
    Path dir;

    private Path demo() {
        return DemoConfig.write(dir, 18080, 18081, 18082, UPSTREAM).file();
    }

    private static Plan compile(Path file) {
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Compilation c = compiler.compile(List.of(file));
            assertThat(c.errorLines()).isEmpty();
            return c.plan().orElseThrow();
        }
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void namesTheApisGroupsWorkloadsAndNodeSectionsThatChanged() throws IOException {
        Path file = demo();
        Plan was = compile(file);
        edit(file, "      - {path: /health, methods: [GET]}\n",
                "      - {path: /health, methods: [GET]}\n      - {path: /status, methods: [GET]}\n");
        edit(file, "expires: \"2025-06-30T00:00:00Z\"", "expires: \"2999-01-01T00:00:00Z\"");
        edit(file, "  - {id: legacy-1, account: \"111111111111\", vpc: vpc-acme, addresses: [127.0.1.14], groups: [sg-legacy]}\n",
                "");
        Files.writeString(file, Files.readString(file) + "accessLog: {recordQuery: true}\n");

        PlanChanges changes = PlanChanges.between(was, compile(file));

        assertThat(changes).hasToString("apis changed [orders (serving.routes)]; node changed [accessLog]; "
                + "securityGroups changed [111111111111/sg-orders-api (ingress)]; workloads removed [legacy-1]");
        assertThat(changes.sections()).extracting(PlanChanges.Section::name)
                .containsExactly("apis", "node", "securityGroups", "workloads");
    }

    @Test
    void aKeyFileWithNewBytesIsAChangeOfTheApiThatReadsIt() {
        Plan was = compile(demo());
        Plan now = compile(demo()); // the demo makes a new identity-provider key, and writes its JWK set again

        assertThat(now.digest()).isNotEqualTo(was.digest());
        assertThat(PlanChanges.between(was, now)).hasToString("apis changed [payments (serving.auth)]");
    }

    @Test
    void theSamePlanWrittenAnotherWayIsNoChange() throws IOException {
        Path file = demo();
        Plan was = compile(file);
        edit(file, "  - {id: \"111111111111\", name: acme-trading}\n  - {id: \"222222222222\", name: globex-analytics}\n",
                "  - {id: \"222222222222\", name: globex-analytics}  # reordered: accounts are a set\n"
                        + "  - {id: \"111111111111\", name: acme-trading}\n");

        PlanChanges changes = PlanChanges.between(was, compile(file));

        assertThat(changes.isEmpty()).isTrue();
        assertThat(changes).hasToString("no change");
    }

    @Test
    void namesGroupsByAccountAndElementsWithoutAnIdByTheirText() {
        String was = """
                {"config":{"connections":[{"type":"PEERING","vpcs":["a","b"]}],"securityGroups":[\
                {"account":"1","id":"sg-x","ingress":[]},{"account":"2","id":"sg-x","ingress":[]}]},"portcullisPlan":1}""";
        String now = """
                {"config":{"connections":[{"type":"PEERING","vpcs":["a","c"]}],"securityGroups":[\
                {"account":"1","id":"sg-x","ingress":[]},{"account":"2","id":"sg-x","ingress":[1]},\
                {"account":"3","id":"sg-y","ingress":[]}]},"portcullisPlan":1}""";

        PlanChanges changes = PlanChanges.between(was, now);

        assertThat(changes).hasToString("connections added [{\"type\":\"PEERING\",\"vpcs\":[\"a\",\"c\"]}], "
                + "removed [{\"type\":\"PEERING\",\"vpcs\":[\"a\",\"b\"]}]; securityGroups added [3/sg-y], changed [2/sg-x (ingress)]");
    }
}
