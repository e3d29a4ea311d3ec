package io.portcullis.config.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Schedule;
import io.portcullis.config.digest.internal.FieldTable;
import io.portcullis.config.digest.internal.FieldTable.Treatment;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digest's format, its golden value for examples/trading, and what the canonical form shows and hides. */
class PlanDigestTest {

    /**
     * The digest of examples/trading. It changes only when examples/trading or the canonical form changes; see
     * "Changing the canonical form" in docs/plan-digest.md before updating it.
     */
    static final String TRADING = "sha256:d9ca03a39782b8085568e59bfc681c74bede48f7f4e0f220c9eb88e4a848f438";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void examplesTradingHasItsGoldenDigestAndCanonicalForm() throws IOException {
        PlanDigest d = ConfigDir.digest(ConfigDir.TRADING);
        Path actual = Path.of("target/plan-digest/trading.canonical.json");
        Files.createDirectories(actual.getParent());
        Files.writeString(actual, d.canonicalJson() + "\n");
        String expected = Files.readString(ConfigDir.resource("trading.canonical.json"), StandardCharsets.UTF_8).strip();
        assertThat(d.canonicalJson()).as("canonical form of examples/trading (actual written to config/%s)", actual)
                .isEqualTo(expected);
        assertThat(d).hasToString(TRADING);
    }

    @Test
    void digestIsTheSha256OfTheCanonicalJsonWrittenWithItsAlgorithm() throws Exception {
        PlanDigest d = ConfigDir.digest(ConfigDir.TRADING);
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(d.canonicalJson().getBytes(StandardCharsets.UTF_8));
        assertThat(d.hex()).isEqualTo(java.util.HexFormat.of().formatHex(sha)).matches("[0-9a-f]{64}");
        assertThat(d.toString()).isEqualTo("sha256:" + d.hex());
    }

    @Test
    void canonicalJsonIsCompactSortedAndVersioned() throws IOException {
        String json = ConfigDir.digest(ConfigDir.rich(tmp)).canonicalJson();
        JsonNode tree = JSON.readTree(json);
        assertThat(tree.get("portcullisPlan").intValue()).isEqualTo(PlanDigest.VERSION).isEqualTo(8);
        assertThat(json).startsWith("{\"config\":{").doesNotContain("\n");
        assertSortedKeys(tree);
        assertThat(JSON.writeValueAsString(tree)).isEqualTo(json);
    }

    private static void assertSortedKeys(JsonNode n) {
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).isSorted();
        }
        n.forEach(PlanDigestTest::assertSortedKeys);
    }

    @Test
    void canonicalJsonNamesNoFileAndHoldsNoFileContentOrSecret() {
        Path dir = ConfigDir.rich(tmp);
        String json = ConfigDir.digest(dir).canonicalJson();
        assertThat(json).doesNotContain(tmp.toString(), "keys/", "tls/", "idp-jwks", ".pem", "audit-log", "access.log",
                "local.netset", "not a real", "not-a-real", "bm90LWEtcmVhbC1zZWNyZXQ", "\"kty\"", "DenyOutsideAnalytics");
        assertThat(json).contains("\"origin\":\"https://hooks.example.com\"", "\"origin\":\"https://feeds.example.net\"",
                "\"location\":\"excluded\"", "\"url\":\"https://idp.analytics.example/.well-known/jwks.json\"");
    }

    @Test
    void inlinePolicyIsShownWithSortedKeysAndItsStatementsInOrder() {
        String json = ConfigDir.digest(ConfigDir.TRADING).canonicalJson();
        assertThat(json).contains("\"resourcePolicy\":{\"inline\":{\"Statement\":[{\"Action\":\"execute-api:Invoke\","
                + "\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpc\":[\"vpc-trading\",\"vpc-platform\"]}},\"Effect\":\"Deny\"");
        assertThat(json.indexOf("DenyOutsideTradingNetworks")).isLessThan(json.indexOf("AllowTheRest"));
    }

    @Test
    void fileContentsComeOnlyFromTheGivenFunction() {
        PortcullisConfig config = ConfigDir.load(ConfigDir.rich(tmp));
        PlanDigest real = PlanDigest.of(config);
        PlanDigest same = PlanDigest.of(config, p -> {
            try {
                return Optional.of(Files.readAllBytes(p));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
        PlanDigest allEmpty = PlanDigest.of(config, p -> Optional.of(new byte[0]));
        PlanDigest noneReadable = PlanDigest.of(config, p -> Optional.empty());
        assertThat(same).isEqualTo(real);
        assertThat(allEmpty).isNotEqualTo(real).isNotEqualTo(noneReadable);
        assertThat(allEmpty.canonicalJson()).contains("{\"sha256\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}");
        assertThat(noneReadable.canonicalJson()).contains("{\"unreadable\":true}");
    }

    @Test
    void aFileThatCannotBeReadIsMarkedNotSkipped() throws IOException {
        Path dir = ConfigDir.rich(tmp);
        PlanDigest before = ConfigDir.digest(dir);
        Files.delete(dir.resolve("tls/clients.crl"));
        PlanDigest after = ConfigDir.digest(dir);
        assertThat(after).isNotEqualTo(before);
        assertThat(after.canonicalJson()).contains("\"crl\":{\"unreadable\":true}");
    }

    @Test
    void daysOfAScheduleAreASetWhateverTheirIterationOrder() {
        Set<DayOfWeek> days = new HashSet<>(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY));
        Schedule a = new Schedule(days, LocalTime.of(7, 0), LocalTime.of(19, 0), ZoneId.of("Europe/London"));
        Schedule b = new Schedule(EnumSet.copyOf(days), LocalTime.of(7, 0), LocalTime.of(19, 0), ZoneId.of("Europe/London"));
        assertThat(canonical(a)).isEqualTo(canonical(b)).contains("[\"FRIDAY\",\"MONDAY\",\"WEDNESDAY\"]");
    }

    private static String canonical(Schedule s) {
        var rule = new io.portcullis.config.IngressRule(io.portcullis.config.Protocol.TCP, new io.portcullis.config.PortRange(1, 2),
                new io.portcullis.config.Peer.Cidr("10.0.0.0/8"), Optional.of(s), Optional.empty(), "");
        var group = new io.portcullis.config.SecurityGroup("sg-a", "111111111111", "vpc-a", "", "", java.util.Map.of(),
                List.of(rule), List.of(), List.of());
        return PlanDigest.of(new PortcullisConfig(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(group),
                List.of(), List.of()), p -> Optional.empty()).canonicalJson();
    }

    @Test
    void everyListOfTheModelHasADecidedOrderAndEveryRowNamesARealField() {
        List<String> undecided = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(PortcullisConfig.class));
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!seen.add(c)) {
                continue;
            }
            if (c.isSealed()) {
                todo.addAll(List.of(c.getPermittedSubclasses()));
            }
            if (!c.isRecord()) {
                continue;
            }
            for (RecordComponent rc : c.getRecordComponents()) {
                if (Collection.class.isAssignableFrom(rc.getType())) {
                    Treatment t = FieldTable.of(c, rc.getName());
                    if (t != Treatment.ORDERED && t != Treatment.UNORDERED) {
                        undecided.add(c.getSimpleName() + "." + rc.getName());
                    }
                }
                collectTypes(rc.getGenericType(), todo);
            }
        }
        assertThat(undecided).as("lists missing from FieldTable (decide: ORDERED or UNORDERED, and document it)").isEmpty();
        assertThat(seen).containsAll(FieldTable.all().keySet().stream().map(FieldTable.Field::owner).toList());
    }

    private static void collectTypes(Type t, Deque<Class<?>> todo) {
        if (t instanceof Class<?> c && c.getPackageName().startsWith("io.portcullis")) {
            todo.add(c);
        } else if (t instanceof ParameterizedType p) {
            for (Type a : p.getActualTypeArguments()) {
                collectTypes(a, todo);
            }
        }
    }

    @Test
    void aTableRowForAMissingFieldIsRefused() {
        assertThatThrownBy(() -> new FieldTable.Field(Schedule.class, "weekdays"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Schedule.weekdays: no such component (expected: one of [");
    }

    /**
     * A set of 256 or more elements is written on several threads: the text must not depend on that, nor on the
     * order the elements were declared in, and must still be the compact sorted JSON Jackson would write.
     */
    @Test
    void aLargeSetIsWrittenTheSameWhateverItsOrderAndThreads() throws IOException {
        List<String> workloads = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            workloads.add("  - { id: bulk-" + i + ", account: \"111111111111\", vpc: vpc-trading, addresses: [10.10."
                    + (200 + i / 250) + "." + (i % 250 + 1) + "], groups: [sg-traders], labels: { n: \"" + (i * 7919 % 600) + "\" } }\n");
        }
        Path inOrder = tmp.resolve("in-order");
        Path reversed = tmp.resolve("reversed");
        ConfigDir.copy(ConfigDir.TRADING, inOrder);
        ConfigDir.copy(ConfigDir.TRADING, reversed);
        ConfigDir.writeString(inOrder.resolve("bulk.yaml"), "workloads:\n" + String.join("", workloads));
        List<String> backwards = new ArrayList<>(workloads);
        Collections.reverse(backwards);
        ConfigDir.writeString(reversed.resolve("bulk.yaml"), "workloads:\n" + String.join("", backwards));
        PlanDigest a = ConfigDir.digest(inOrder);
        PlanDigest b = ConfigDir.digest(reversed);

        assertThat(b.canonicalJson()).isEqualTo(a.canonicalJson());
        assertThat(a).isNotEqualTo(ConfigDir.digest(ConfigDir.TRADING));
        JsonNode tree = JSON.readTree(a.canonicalJson());
        assertThat(JSON.writeValueAsString(tree)).isEqualTo(a.canonicalJson());
        List<String> elements = new ArrayList<>();
        tree.get("config").get("workloads").forEach(w -> elements.add(w.toString()));
        assertThat(elements).hasSizeGreaterThan(600).isSorted();
    }
}
