package io.portcullis.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.verify.AuditRecords;
import io.portcullis.runtime.change.Approval;
import io.portcullis.runtime.change.ApprovalSignatures;
import io.portcullis.runtime.change.ChangeFile;
import io.portcullis.runtime.change.ChangeRecord;
import io.portcullis.runtime.change.RiskAssessment;
import io.portcullis.runtime.diff.PlanDiff;
import io.portcullis.runtime.demo.DemoConfig;
import io.portcullis.runtime.demo.DemoUpstream;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import io.portcullis.runtime.reload.ConfigWatcher;
import io.portcullis.testing.FakeTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with {@code changeControl} on loopback: it starts only through an approved change from {@code none}, loads
 * a new plan on reload (the SIGHUP path) or on a file change only through an approved change from the plan it
 * serves, and refuses every broken chain (missing, forged, self-approved, wrong role, expired, unknown approver,
 * replayed from another change, an approver the candidate adds for itself, an edited record) while it keeps
 * serving, saying why in the reload outcome and the audit log. Keys are made for each test.
 */
class ChangeControlEndToEndTest {

    private static final Instant START = Instant.parse("2026-03-04T10:00:00Z");
    private static final String LEGACY_EXPIRY = "expires: \"2025-06-30T00:00:00Z\"";

    @TempDir
    Path dir;

    private final FakeTime time = new FakeTime(START);
    private final KeyPair alice = AuditKeys.generate();
    private final KeyPair bob = AuditKeys.generate();
    private final KeyPair carol = AuditKeys.generate();
    private final KeyPair mallory = AuditKeys.generate();
    private DemoUpstream upstream;
    private Path config;
    private String original;
    private int port;
    private Node node;
    private int written;

    @BeforeEach
    void write() throws Exception {
        upstream = DemoUpstream.start();
        port = LoopbackClient.freePort();
        config = DemoConfig.write(dir, port, LoopbackClient.freePort(), LoopbackClient.freePort(), upstream.uri()).file();
        AuditKeys.writeSigningKey(dir.resolve("audit.key"), AuditKeys.generate());
        Files.createDirectories(dir.resolve("keys"));
        Files.createDirectories(dir.resolve("changes"));
        AuditKeys.writePublicKey(dir.resolve("keys/alice.pub"), alice.getPublic());
        AuditKeys.writePublicKey(dir.resolve("keys/bob.pub"), bob.getPublic());
        AuditKeys.writePublicKey(dir.resolve("keys/carol.pub"), carol.getPublic());
        AuditKeys.writePublicKey(dir.resolve("keys/mallory.pub"), mallory.getPublic());
        original = Files.readString(config) + """
                audit: {dir: audit, signingKey: audit.key, fsyncInterval: 5ms}
                changeControl:
                  changes: changes
                  approvers:
                    - {id: alice, role: security, publicKey: keys/alice.pub}
                    - {id: bob, role: platform, publicKey: keys/bob.pub}
                    - {id: carol, role: platform, publicKey: keys/carol.pub}
                  require:
                    high: {approvals: 2, roles: [security]}
                """;
        Files.writeString(config, original);
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        upstream.close();
    }

    @Test
    void refusesToStartWithoutAnApprovedChangeFromNone() {
        String digest = compile().digest().toString();

        assertThatThrownBy(this::start).isInstanceOfSatisfying(Node.NodeStartException.class, e ->
                assertThat(e.problems()).singleElement().asString().startsWith(config + ":")
                        .contains("changeControl: no change record in " + dir.resolve("changes") + " leads from none to "
                                + digest + " (the directory holds none)"));
    }

    @Test
    void refusesToStartWhenTheFirstChangeLacksASecurityApprover() throws Exception {
        Plan first = compile();
        ChangeRecord r = record(ChangeRecord.NONE, first, "dave", START.plus(Duration.ofDays(1)));
        write(r, sign(r, "bob", bob), sign(r, "carol", carol));

        assertThatThrownBy(this::start).isInstanceOfSatisfying(Node.NodeStartException.class, e ->
                assertThat(e.problems()).singleElement().asString().contains("is not approved: risk high needs 2 "
                        + "approvals including security; valid: bob (platform), carol (platform): 1 more security approver"));
    }

    @Test
    void startsThroughAnApprovedChangeThenAppliesAChainOnReloadAndAuditsEachStep() throws Exception {
        String first = startApproved();
        assertThat(LoopbackClient.once("127.0.1.11", port, "/orders/1")).isEqualTo(200);

        // medium: one rule's expiry moves; one approval (bob) is enough.
        Plan second = edit(LEGACY_EXPIRY, "expires: \"2999-01-01T00:00:00Z\"");
        ChangeRecord medium = record(first, second, "dave", START.plus(Duration.ofDays(1)));
        assertThat(medium.risk().level().id()).isEqualTo("medium");
        write(medium, sign(medium, "bob", bob));
        assertThat(node.reload().applied()).isTrue();
        assertThat(node.plan().digest()).isEqualTo(second.digest());

        // critical: a rule from the internet; alice (security) and carol (critical needs what high needs here).
        Plan third = editAgain("description: globex reporting only}", "description: globex reporting only}\n"
                + "      - {protocol: tcp, ports: 1-65535, from: {cidr: 0.0.0.0/0}, description: everyone}");
        ChangeRecord high = record(second.digest().toString(), third, "dave", START.plus(Duration.ofDays(1)));
        assertThat(high.risk().level().id()).isEqualTo("critical");
        assertThat(high.risk().contributions()).extracting(RiskAssessment.Contribution::rule).contains("wide-source-added",
                "internet-opened");
        assertThat(high.risk().contributions()).filteredOn(c -> c.rule().equals("wide-source-added")).singleElement()
                .extracting(RiskAssessment.Contribution::detail)
                .isEqualTo("222222222222/sg-ledger-api ingress[1] from 0.0.0.0/0 (the internet)");
        write(high, sign(high, "alice", alice), sign(high, "carol", carol));
        assertThat(node.reload().applied()).isTrue();
        assertThat(node.plan().digest()).isEqualTo(third.digest());
        assertThat(LoopbackClient.once("127.0.1.11", port, "/orders/1")).isEqualTo(200);

        node.close();
        node = null;
        List<String> changes = new ArrayList<>();
        AuditRecords.forEach(dir.resolve("audit"), (i, payload) -> {
            String line = new String(payload, StandardCharsets.UTF_8);
            if (line.contains("\"kind\":\"change\"")) {
                changes.add(line);
            }
        });
        assertThat(changes).hasSize(3);
        assertThat(changes.get(0)).contains("\"verdict\":\"allow\"", "\"reason\":\"change-applied\"", "from none to " + first,
                "risk high", "approved by alice (security), bob (platform)", "\"plan\":\"" + first + "\"");
        assertThat(changes.get(1)).contains("\"decidedBy\":\"" + medium.id() + "\"", "from " + first + " to "
                + second.digest(), "risk medium", "approved by bob (platform)");
        assertThat(changes.get(2)).contains("risk critical", "approved by alice (security), carol (platform)");
    }

    @Test
    void refusesAReloadWithoutAChangeRecordAndKeepsServing() throws Exception {
        String first = startApproved();
        Plan next = edit(LEGACY_EXPIRY, "expires: \"2999-01-01T00:00:00Z\"");

        assertRefused(first, "changeControl: no change record in " + dir.resolve("changes") + " leads from " + first
                + " to " + next.digest() + " (it holds ");
    }

    @Test
    void refusesAForgedApproval() throws Exception {
        String first = startApproved();
        ChangeRecord r = record(first, edit(LEGACY_EXPIRY, "expires: \"2999-01-01T00:00:00Z\""), "dave", later());
        Approval byMallory = sign(r, "bob", mallory);
        Approval bobs = sign(r, "bob", bob);
        write(r, new Approval("bob", byMallory.change(), bobs.keyId(), byMallory.signature()));

        assertRefused(first, "approval by bob: forged: the signature does not verify with bob's key " + bobs.keyId());
    }

    @Test
    void refusesASelfApprovedChange() throws Exception {
        String first = startApproved();
        ChangeRecord r = record(first, edit(LEGACY_EXPIRY, "expires: \"2999-01-01T00:00:00Z\""), "bob", later());
        write(r, sign(r, "bob", bob));

        assertRefused(first, "approval by bob: self-approved (bob is the change's author); risk medium needs 1 approval; "
                + "valid: none: 1 more approval");
    }

    @Test
    void refusesAHighRiskChangeWithoutASecurityApprover() throws Exception {
        String first = startApproved();
        ChangeRecord r = record(first, edit("description: globex reporting only}", "description: globex reporting only}\n"
                + "      - {protocol: tcp, ports: 443, from: {cidr: 0.0.0.0/0}, description: everyone}"), "dave", later());
        write(r, sign(r, "bob", bob), sign(r, "carol", carol));

        assertRefused(first, "risk high needs 2 approvals including security; valid: bob (platform), carol (platform): "
                + "1 more security approver");
        assertThat(node.registry().scrape()).contains("portcullis_changes_total{result=\"refused\"} 1.0")
                .contains("portcullis_changes_total{result=\"applied\"} 1.0"); // the start
    }

    @Test
    void refusesARecordThatUnderstatesItsRisk() throws Exception {
        String first = startApproved();
        Plan next = edit("description: globex reporting only}", "description: globex reporting only}\n"
                + "      - {protocol: tcp, ports: 443, from: {cidr: 0.0.0.0/0}, description: everyone}");
        ChangeRecord honest = record(first, next, "dave", later());
        ChangeRecord low = new ChangeRecord(honest.id(), honest.from(), honest.to(), honest.author(), honest.reason(),
                honest.created(), honest.expires(), new RiskAssessment(io.portcullis.runtime.change.RiskLevel.LOW,
                List.of()), Optional.empty(), null);
        write(low, sign(low, "bob", bob), sign(low, "alice", alice));

        assertRefused(first, "it states risk low but the change is high (wide-source-added: 222222222222/sg-ledger-api "
                + "ingress[1] from 0.0.0.0/0 (the internet))");
    }

    @Test
    void refusesAnExpiredChange() throws Exception {
        String first = startApproved();
        ChangeRecord r = record(first, edit(LEGACY_EXPIRY, "expires: \"2999-01-01T00:00:00Z\""), "dave",
                START.plus(Duration.ofHours(1)));
        write(r, sign(r, "bob", bob));
        time.advance(Duration.ofHours(2));

        assertRefused(first, "is not approved: expired at 2026-03-04T11:00:00Z (now 2026-03-04T12:00:00Z)");
    }

    @Test
    void refusesAnUnknownApprover() throws Exception {
        String first = startApproved();
        ChangeRecord r = record(first, edit(LEGACY_EXPIRY, "expires: \"2999-01-01T00:00:00Z\""), "dave", later());
        write(r, sign(r, "mallory", mallory));

        assertRefused(first, "approval by mallory: unknown approver (not among changeControl.approvers of the plan in force)");
    }

    @Test
    void refusesAnApproverTheCandidateAddsForItself() throws Exception {
        String first = startApproved();
        ChangeRecord r = record(first, edit("    - {id: carol, role: platform, publicKey: keys/carol.pub}\n",
                "    - {id: carol, role: platform, publicKey: keys/carol.pub}\n"
                        + "    - {id: mallory, role: security, publicKey: keys/mallory.pub}\n"), "dave", later());
        assertThat(r.risk().contributions()).extracting(RiskAssessment.Contribution::rule).containsExactly("approvers-changed");
        write(r, sign(r, "mallory", mallory), sign(r, "bob", bob));

        assertRefused(first, "approval by mallory: unknown approver (not among changeControl.approvers of the plan in force); "
                + "risk high needs 2 approvals including security; valid: bob (platform): 1 more approval, 1 more security approver");
    }

    @Test
    void refusesAnApprovalCopiedFromAnotherChange() throws Exception {
        String first = startApproved();
        Plan other = edit("description: trader workstations}", "description: trader desks}");
        ChangeRecord approved = record(first, other, "dave", later());
        ChangeRecord r = record(first, edit(LEGACY_EXPIRY, "expires: \"2999-01-01T00:00:00Z\""), "dave", later());
        write(r, sign(approved, "bob", bob));

        assertRefused(first, "approval by bob: signed for change record " + approved.digest() + ", not this one ("
                + r.digest() + "): an approval copied from another change");
    }

    @Test
    void refusesARecordEditedAfterItWasApproved() throws Exception {
        String first = startApproved();
        ChangeRecord r = record(first, edit(LEGACY_EXPIRY, "expires: \"2999-01-01T00:00:00Z\""), "dave", later());
        Path file = write(r, sign(r, "bob", bob));
        Files.writeString(file, Files.readString(file).replace("\"reason\" : \"test change\"", "\"reason\" : \"other\""));

        assertRefused(first, file + ": not a change record: digest: \"" + r.digest() + "\" is not the record's own");
    }

    @Test
    void refusesACandidateThatBreaksItsBaselinesWhateverItsApprovals() throws Exception {
        String first = startApproved();
        Files.writeString(config, original.replace("    high: {approvals: 2, roles: [security]}\n",
                "    high: {approvals: 2, roles: [security]}\n  baselines: [{name: no-internet, require: no-wide-sources}]\n")
                .replace("description: globex reporting only}", "description: globex reporting only}\n"
                        + "      - {protocol: tcp, ports: 443, from: {cidr: 0.0.0.0/0}, description: everyone}"));

        assertRefused(first, "securityGroups[6](sg-ledger-api).ingress[1].from: baseline 'no-internet': admits 0.0.0.0/0 "
                + "(the internet) into 222222222222/sg-ledger-api (expected: no rule from a CIDR of /8 or wider, IPv6 /32 or wider)");
    }

    @Test
    void appliesAnApprovedChangeWhenTheConfigurationOrTheRecordIsSaved() throws Exception {
        String first = startApproved();
        try (ConfigWatcher watcher = new ConfigWatcher(node.watchPaths(), Duration.ofMillis(50), node::reload)) {
            // The record first, then the configuration: the save reloads and applies it.
            Plan second = compileWith(original.replace(LEGACY_EXPIRY, "expires: \"2999-01-01T00:00:00Z\""));
            ChangeRecord r = record(first, second, "dave", later());
            write(r, sign(r, "bob", bob));
            Files.writeString(config, original.replace(LEGACY_EXPIRY, "expires: \"2999-01-01T00:00:00Z\""));
            await(() -> node.plan().digest().equals(second.digest()));

            // The configuration first (refused: no record yet), then the record: saving it applies the change.
            String text = Files.readString(config).replace("description: trader workstations}", "description: desks}");
            Plan third = compileWith(text);
            Files.writeString(config, text);
            await(() -> node.lastReload().map(o -> !o.applied() && o.attempted().equals(third.digest().toString()))
                    .orElse(false));
            assertThat(node.plan().digest()).isEqualTo(second.digest());
            ChangeRecord next = record(second.digest().toString(), third, "dave", later());
            write(next, sign(next, "carol", carol));
            await(() -> node.plan().digest().equals(third.digest()));
        }
        assertThat(LoopbackClient.once("127.0.1.11", port, "/orders/1")).isEqualTo(200);
    }

    // --- helpers

    private String startApproved() throws Exception {
        Plan first = compile();
        ChangeRecord r = record(ChangeRecord.NONE, first, "dave", later());
        write(r, sign(r, "alice", alice), sign(r, "bob", bob));
        start();
        assertThat(node.plan().digest()).isEqualTo(first.digest());
        return first.digest().toString();
    }

    private void start() {
        node = Node.builder(List.of(config)).clock(time.clock()).build().start();
    }

    private void assertRefused(String served, String why) throws Exception {
        Node.LoadResult result = node.reload();

        assertThat(result.applied()).isFalse();
        assertThat(result.problems()).singleElement().asString().startsWith(config + ":").contains(why);
        assertThat(node.plan().digest().toString()).as("the plan in force stays").isEqualTo(served);
        assertThat(node.lastReload().orElseThrow().result()).isEqualTo("rejected");
        assertThat(LoopbackClient.once("127.0.1.11", port, "/orders/1")).as("and serves").isEqualTo(200);
    }

    private static Instant later() {
        return START.plus(Duration.ofDays(2));
    }

    /** The configuration with {@code from} replaced, written, and its plan. */
    private Plan edit(String from, String to) throws Exception {
        assertThat(original).contains(from);
        String text = original.replace(from, to);
        Files.writeString(config, text);
        return compile();
    }

    private Plan editAgain(String from, String to) throws Exception {
        String text = Files.readString(config);
        assertThat(text).contains(from);
        Files.writeString(config, text.replace(from, to));
        return compile();
    }

    private Plan compileWith(String text) throws Exception {
        Path other = dir.resolve("candidate.yaml.tmp");
        Files.writeString(other, text);
        try {
            return compile(other);
        } finally {
            Files.delete(other);
        }
    }

    private Plan compile() {
        return compile(config);
    }

    private static Plan compile(Path file) {
        try (PlanCompiler compiler = PlanCompiler.create()) {
            Compilation c = compiler.compile(List.of(file));
            assertThat(c.errorLines()).isEmpty();
            Plan p = c.plan().orElseThrow();
            compiler.discard(p);
            return p;
        }
    }

    private ChangeRecord record(String from, Plan to, String author, Instant expires) {
        // The risk the node computes itself, as propose computes it: on the semantic diff of the two plans.
        Plan served = node == null ? null : node.plan();
        RiskAssessment risk = RiskAssessment.of(served, to, PlanDiff.of(served, to, START));
        return new ChangeRecord("chg-" + (++written), from, to.digest().toString(), author, "test change", START,
                expires, risk, Optional.empty(), null);
    }

    private static Approval sign(ChangeRecord r, String approver, KeyPair key) {
        return ApprovalSignatures.sign(r, approver, key);
    }

    private Path write(ChangeRecord r, Approval... approvals) throws Exception {
        Path file = dir.resolve("changes").resolve(r.id() + ".json");
        new ChangeFile(r, List.of(approvals)).write(file);
        return file;
    }

    /** Waits for the watcher's reload (a background thread) to reach {@code done}. */
    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("reached before the deadline").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
