package io.portcullis.analysis.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.analysis.findings.InvalidInputException;
import io.portcullis.engine.Explainer;
import io.portcullis.engine.SourceSpec;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The review round trip on generated configurations: a real audit log of the engine's decisions (some memberships
 * used recently, some long ago, some never), the sheet's proposals against the test's own model of use, and the
 * applied sheet's access checked with the engine on every (workload, API) pair against the model.
 */
class ReviewRoundTripTest {

    static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
    static final Duration UNUSED = Duration.ofDays(90);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void unusedMembershipsAreProposedAndApplyingTheSheetRemovesExactlyTheirAccess(long seed) throws IOException {
        ReviewEstate estate = new ReviewEstate(seed, 6, 4, 30);
        Path config = estate.write(Files.createDirectories(tmp.resolve("config")));
        Plan plan = compile(config);
        Random r = new Random(seed);
        Set<List<Integer>> recent = new HashSet<>();
        List<AuditTraffic.Call> calls = new ArrayList<>();
        calls.add(new AuditTraffic.Call("w-0", "api-0", NOW.minus(Duration.ofDays(300)))); // the log reaches back far enough
        for (int w = 0; w < 30; w++) {
            for (int i = 0; i < 6; i++) {
                if (!estate.reaches(w, i)) {
                    if (r.nextInt(10) == 0) { // denied connections are recorded too, and use nothing
                        calls.add(new AuditTraffic.Call(ReviewEstate.workload(w), ReviewEstate.api(i), NOW.minus(Duration.ofDays(1))));
                    }
                    continue;
                }
                switch (r.nextInt(3)) {
                    case 0 -> {
                        recent.add(List.of(w, i));
                        calls.add(new AuditTraffic.Call(ReviewEstate.workload(w), ReviewEstate.api(i), NOW.minus(Duration.ofDays(1 + r.nextInt(80)))));
                    }
                    case 1 -> calls.add(new AuditTraffic.Call(ReviewEstate.workload(w), ReviewEstate.api(i), NOW.minus(Duration.ofDays(120 + r.nextInt(100)))));
                    default -> { }
                }
                if (!recent.contains(List.of(w, i))) { // the node's assurance probes play every position: not use
                    calls.add(new AuditTraffic.Call(ReviewEstate.workload(w), ReviewEstate.api(i), NOW.minus(Duration.ofDays(2)),
                            io.portcullis.audit.AuditRecord.Kind.PROBE));
                }
            }
        }
        AuditTraffic.write(plan, tmp.resolve("audit"), tmp.resolve("signing.key"), calls);

        ReviewSheet sheet = MembershipReview.of(plan, tmp.resolve("audit"), UNUSED, NOW);

        Set<Membership> used = used(estate, recent);
        assertThat(sheet.rows()).hasSize(Membership.of(plan.config()).size());
        for (ReviewRow row : sheet.rows()) {
            assertThat(row.proposal()).as(row.membership() + " " + row.note())
                    .isEqualTo(used.contains(row.membership()) ? Choice.KEEP : Choice.REMOVE);
        }
        assertThat(sheet.rows()).anyMatch(x -> x.proposal() == Choice.KEEP).anyMatch(x -> x.proposal() == Choice.REMOVE);

        Path csv = tmp.resolve("review.csv");
        SheetFiles.write(csv, sheet);
        SheetFiles.Read read = SheetFiles.read(csv);
        assertThat(read.rows()).isEqualTo(sheet.rows());
        ReviewApply.Outcome outcome = ReviewApply.apply(read.rows(), read.where(), config, tmp.resolve("new"), NOW);

        Set<Membership> removed = new HashSet<>(outcome.removed());
        assertThat(removed).isEqualTo(sheet.rows().stream().filter(x -> x.decision() == Choice.REMOVE).map(ReviewRow::membership).collect(java.util.stream.Collectors.toSet()));
        Plan after = compile(tmp.resolve("new"));
        Explainer was = new Explainer(plan.engine().snapshot());
        Explainer is = new Explainer(after.engine().snapshot());
        Set<String> lostByEngine = new TreeSet<>();
        Set<String> lostByModel = new TreeSet<>();
        for (int w = 0; w < 30; w++) {
            for (int i = 0; i < 6; i++) {
                SourceSpec source = new SourceSpec.OfWorkload(ReviewEstate.workload(w));
                boolean before = was.check(source, ReviewEstate.api(i), 6, null, NOW).decision().allowed();
                boolean now = is.check(source, ReviewEstate.api(i), 6, null, NOW).decision().allowed();
                assertThat(before).as("w-%d api-%d before", w, i).isEqualTo(estate.reaches(w, i));
                if (before && !now) {
                    lostByEngine.add("workload w-" + w + " -> api-" + i);
                }
                if (estate.reaches(w, i) && !reachesAfter(estate, removed, w, i)) {
                    lostByModel.add("workload w-" + w + " -> api-" + i);
                }
            }
        }
        assertThat(lostByEngine).isEqualTo(lostByModel);
        Set<String> reported = new TreeSet<>();
        outcome.lost().forEach(a -> reported.add(a.toString()));
        assertThat(reported).isEqualTo(lostByEngine);
        assertThat(outcome.gained()).isEmpty();
        assertThat(Membership.of(after.config()).keySet()).doesNotContainAnyElementsOf(removed);
        for (String untouched : List.of("network.yaml", "apis.yaml")) {
            assertThat(Files.readAllBytes(tmp.resolve("new").resolve(untouched))).isEqualTo(Files.readAllBytes(config.resolve(untouched)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json"})
    void aSheetThatNoLongerMatchesTheConfigurationIsRefusedNamingTheRowAndNothingIsWritten(String format) throws IOException {
        ReviewEstate estate = new ReviewEstate(3, 2, 1, 3);
        Path config = estate.write(Files.createDirectories(tmp.resolve("config")));
        Plan plan = compile(config);
        AuditTraffic.write(plan, tmp.resolve("audit"), tmp.resolve("signing.key"), List.of());
        ReviewSheet sheet = MembershipReview.of(plan, tmp.resolve("audit"), UNUSED, NOW);
        List<ReviewRow> rows = new ArrayList<>(sheet.rows());
        rows.add(new ReviewRow(new Membership(Membership.Kind.WORKLOAD, "w-gone", ReviewEstate.client(0)), List.of(),
                java.util.Optional.empty(), Choice.REMOVE, Choice.REMOVE, ""));
        rows.add(new ReviewRow(new Membership(Membership.Kind.GROUP, ReviewEstate.team(0), "111111111111/sg-gone"), List.of(),
                java.util.Optional.empty(), Choice.KEEP, Choice.KEEP, ""));
        Path file = tmp.resolve("review." + format);
        SheetFiles.write(file, new ReviewSheet(sheet.plan(), sheet.generated(), sheet.unused(), sheet.auditFrom(), rows));
        SheetFiles.Read read = SheetFiles.read(file);
        int gone = rows.size() - 2;
        String first = format.equals("csv") ? file + ": row " + (gone + 2) : file + ": /memberships/" + gone;
        String second = format.equals("csv") ? file + ": row " + (gone + 3) : file + ": /memberships/" + (gone + 1);

        assertThatThrownBy(() -> ReviewApply.apply(read.rows(), read.where(), config, tmp.resolve("new"), NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).containsExactly(
                        first + ": workload 'w-gone' is not in the configuration (expected: a workload id of the "
                                + "configuration reviewed; the sheet is out of date)",
                        second + ": group '111111111111/sg-gone' is not in the configuration (expected: a group key "
                                + "such as 111111111111/sg-app of the configuration reviewed; the sheet is out of date)"));
        assertThat(tmp.resolve("new")).doesNotExist();
    }

    /** The memberships the model says the recent calls used. */
    private static Set<Membership> used(ReviewEstate e, Set<List<Integer>> recent) {
        Set<Membership> out = new HashSet<>();
        for (List<Integer> call : recent) {
            int w = call.get(0);
            int i = call.get(1);
            if (e.clients.get(w).contains(i)) {
                out.add(new Membership(Membership.Kind.WORKLOAD, ReviewEstate.workload(w), ReviewEstate.client(i)));
            }
            for (int t : e.teamsOf.get(w)) {
                if (e.includes.get(i).contains(t)) {
                    out.add(new Membership(Membership.Kind.WORKLOAD, ReviewEstate.workload(w), ReviewEstate.team(t)));
                    out.add(new Membership(Membership.Kind.GROUP, ReviewEstate.team(t), ReviewEstate.client(i)));
                }
            }
        }
        return out;
    }

    /** Whether {@code w} reaches {@code api-i} in the model once {@code removed} are gone. */
    private static boolean reachesAfter(ReviewEstate e, Set<Membership> removed, int w, int i) {
        String wl = ReviewEstate.workload(w);
        if (e.clients.get(w).contains(i) && !removed.contains(new Membership(Membership.Kind.WORKLOAD, wl, ReviewEstate.client(i)))) {
            return true;
        }
        for (int t : e.teamsOf.get(w)) {
            if (e.includes.get(i).contains(t)
                    && !removed.contains(new Membership(Membership.Kind.WORKLOAD, wl, ReviewEstate.team(t)))
                    && !removed.contains(new Membership(Membership.Kind.GROUP, ReviewEstate.team(t), ReviewEstate.client(i)))) {
                return true;
            }
        }
        return false;
    }

    static Plan compile(Path dir) {
        try (PlanCompiler c = PlanCompiler.withClock(Clock.fixed(NOW, ZoneOffset.UTC))) {
            var compiled = c.compile(List.of(dir));
            assertThat(compiled.errors()).isEmpty();
            return compiled.plan().orElseThrow();
        }
    }
}
