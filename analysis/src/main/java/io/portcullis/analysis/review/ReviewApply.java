package io.portcullis.analysis.review;

import static java.util.Objects.requireNonNull;

import io.portcullis.analysis.findings.InvalidInputException;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Problem;
import io.portcullis.config.SecurityGroup;
import io.portcullis.config.Workload;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a filled-in review sheet into a configuration change: a new configuration directory, a copy of the
 * reviewed one in which every item declaring a membership the reviewers decided to {@code remove} is deleted from
 * its YAML file ({@link YamlRemoval}; every other byte stays as it was), and the access that disappears, computed
 * by comparing who-can-reach on the two compiled plans ({@link LostAccess}).
 *
 * <p>Nothing is written unless all of it holds: every row names a membership of the configuration (an unknown
 * workload, group or membership is an error naming the row), the edited configuration compiles, and its
 * memberships are exactly the old ones less the removed ones. The directory is built beside {@code out} and
 * moved into place last.
 */
public final class ReviewApply {

    /**
     * What applying a sheet did.
     *
     * @param removed the memberships removed, in configuration order
     * @param files the configuration files edited (relative to the directory)
     * @param lost every (subject, API) pair the old plan admits and the new one does not
     * @param gained pairs the new plan admits and the old did not (none, unless a removal changed more than it should)
     * @param before the old plan's digest
     * @param after the new plan's digest
     */
    public record Outcome(List<Membership> removed, List<String> files, List<LostAccess.Access> lost,
                         List<LostAccess.Access> gained, String before, String after) {
        public Outcome {
            removed = List.copyOf(removed);
            files = List.copyOf(files);
            lost = List.copyOf(lost);
            gained = List.copyOf(gained);
            requireNonNull(before, "before");
            requireNonNull(after, "after");
        }
    }

    private ReviewApply() {}

    /**
     * Applies {@code rows} (row {@code i} named {@code where.apply(i)} in errors) to the configuration directory
     * {@code config}, writing the new directory {@code out} (which must not exist, or be empty); decisions are
     * compared at {@code at}.
     */
    public static Outcome apply(List<ReviewRow> rows, IntFunction<String> where, Path config, Path out, Instant at) throws IOException {
        if (!Files.isDirectory(config)) {
            throw problem("--config: " + config + " is not a directory (expected: the configuration directory reviewed)");
        }
        if (Files.exists(out) && !(Files.isDirectory(out) && empty(out))) {
            throw problem("--out: " + out + " exists and is not empty (expected: a new directory)");
        }
        try (PlanCompiler compiler = PlanCompiler.withClock(Clock.fixed(at, ZoneOffset.UTC))) {
            Plan before = compile(compiler, config, "the reviewed configuration");
            Map<Membership, List<String>> memberships = Membership.of(before.config());
            List<Membership> removed = removals(rows, where, before.config(), memberships);
            Map<Path, List<YamlRemoval.Span>> edits = edits(before, config, removed, memberships);
            Path staging = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".review-");
            try {
                copy(config, staging, edits);
                Plan after = compile(compiler, staging, "the edited configuration (edit it by hand)");
                Set<Membership> expected = new LinkedHashSet<>(memberships.keySet());
                removed.forEach(expected::remove);
                if (!expected.equals(Membership.of(after.config()).keySet())) {
                    throw problem("the edited configuration's memberships are not the reviewed ones less the removals "
                            + "(expected: exactly " + removed + " removed; edit it by hand)");
                }
                Set<LostAccess.Access> was = LostAccess.of(before, at);
                Set<LostAccess.Access> is = LostAccess.of(after, at);
                compiler.discard(before);
                compiler.discard(after);
                if (Files.exists(out)) {
                    Files.delete(out);
                }
                Files.move(staging, out);
                List<String> files = edits.keySet().stream().map(Path::toString).sorted().toList();
                return new Outcome(removed, files, LostAccess.minus(was, is), LostAccess.minus(is, was),
                        before.digest().toString(), after.digest().toString());
            } finally {
                if (Files.exists(staging)) {
                    delete(staging);
                }
            }
        }
    }

    private static Plan compile(PlanCompiler compiler, Path dir, String what) {
        Compilation c = compiler.compile(List.of(dir));
        if (c.plan().isEmpty()) {
            List<String> problems = new ArrayList<>();
            problems.add(what + " does not compile:");
            c.errors().forEach(p -> problems.add("  " + p));
            throw new InvalidInputException(problems);
        }
        return c.plan().get();
    }

    /** The memberships to remove, in configuration order, after checking that every row names one. */
    private static List<Membership> removals(List<ReviewRow> rows, IntFunction<String> where, PortcullisConfig config,
                                             Map<Membership, List<String>> memberships) {
        Set<String> workloads = config.workloads().stream().map(Workload::id).collect(Collectors.toSet());
        Set<String> groups = config.securityGroups().stream().map(SecurityGroup::key).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        Map<Membership, Choice> decided = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Membership m = rows.get(i).membership();
            String at = where.apply(i) + ": ";
            boolean memberKnown = m.kind() == Membership.Kind.WORKLOAD ? workloads.contains(m.member()) : groups.contains(m.member());
            if (!memberKnown) {
                problems.add(at + m.kind().text() + " '" + m.member() + "' is not in the configuration (expected: a "
                        + (m.kind() == Membership.Kind.WORKLOAD ? "workload id" : "group key such as 111111111111/sg-app")
                        + " of the configuration reviewed; the sheet is out of date)");
            } else if (!groups.contains(m.group())) {
                problems.add(at + "group '" + m.group() + "' is not in the configuration (expected: a group key such as "
                        + "111111111111/sg-app of the configuration reviewed; the sheet is out of date)");
            } else if (!memberships.containsKey(m)) {
                problems.add(at + m + ": no such membership in the configuration (expected: one the review listed; "
                        + "the sheet is out of date)");
            } else {
                Choice earlier = decided.putIfAbsent(m, rows.get(i).decision());
                if (earlier != null && earlier != rows.get(i).decision()) {
                    problems.add(at + m + ": decided " + rows.get(i).decision().text() + " here and " + earlier.text()
                            + " in an earlier row (expected: one decision per membership)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return memberships.keySet().stream().filter(m -> decided.get(m) == Choice.REMOVE).toList();
    }

    /** The spans to delete, by file relative to {@code dir}. */
    private static Map<Path, List<YamlRemoval.Span>> edits(Plan plan, Path dir, List<Membership> removed,
                                                Map<Membership, List<String>> memberships) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Map<Path, List<YamlRemoval.Span>> out = new TreeMap<>();
        Map<Path, String> texts = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Membership m : removed) {
            for (String path : memberships.get(m)) {
                Problem p = plan.sources().problem(Problem.Severity.WARNING, path, "removed by the review");
                Path file = Path.of(p.file()).toAbsolutePath().normalize();
                if (p.line() == 0 || !file.startsWith(root)) {
                    problems.add(p.file() + ": " + path + ": " + m + " cannot be placed in a file of " + dir + " (expected: remove it by hand)");
                    continue;
                }
                String text = texts.computeIfAbsent(file, ReviewApply::read);
                try {
                    out.computeIfAbsent(root.relativize(file), k -> new ArrayList<>()).add(YamlRemoval.span(text, p.line(), p.column()));
                } catch (IllegalArgumentException e) {
                    problems.add(p + " " + m + ": " + e.getMessage() + "; remove it by hand");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return out;
    }

    /** Copies {@code from} to {@code to}, deleting the spans of the edited files. */
    private static void copy(Path from, Path to, Map<Path, List<YamlRemoval.Span>> edits) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path rel = from.relativize(p);
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (edits.containsKey(rel)) {
                    Files.writeString(target, YamlRemoval.apply(read(p.toAbsolutePath().normalize()), edits.get(rel)), StandardCharsets.UTF_8);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean empty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static InvalidInputException problem(String message) {
        return new InvalidInputException(List.of(message));
    }
}
