package io.portcullis.control.plan;

import static java.util.Objects.requireNonNull;

import io.portcullis.control.store.PlanStore;
import io.portcullis.runtime.change.ChangeControl;
import io.portcullis.runtime.change.ChangeFile;
import io.portcullis.runtime.change.ChangeGate;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compiles bundles with the node's own compiler ({@link PlanCompiler}: the same checks, the same plan digest) and
 * decides promotions with the node's own gate ({@link ChangeGate}). A bundle is written to a private directory and
 * compiled from there, as a node compiles the bundle it fetched, confined to it ({@link PlanCompiler#confined}): a
 * path the configuration names that is absolute or leads out of the bundle is a problem at that path and is never
 * read, so a submission cannot read, or learn about, the control plane's files; problems are reported with paths
 * relative to the bundle.
 *
 * <p>A promotion is checked as a node applies it: the current plan is compiled from the directory, the candidate's
 * files then replace it in the same directory and are compiled, and {@link ChangeGate#check} reads the change records
 * where the plan in force says they are, i.e. the candidate's, and takes the approvers of the plan in force. One
 * compilation at a time (the compiler is not shared across threads and plans are heavy).
 */
public final class BundleCompiler {

    /** A bundle compiled: its digest and the change records it carries, or every problem. */
    public record Compiled(String digest, List<PlanStore.StoredChange> changes, List<String> problems) {
        public Compiled {
            changes = List.copyOf(changes);
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** What the change gate decided about a promotion. */
    public sealed interface Gate permits Open, Refused {}

    /** The promotion may go ahead; {@code summary} says under which change control (for the promotion record). */
    public record Open(String summary) implements Gate {}

    /** The promotion is refused; each reason as the node would log it. */
    public record Refused(List<String> reasons) implements Gate {
        public Refused {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * What a resubmission of a stored plan adds: new change-record files (path to text) and the records read from
     * them, or every reason the resubmission is refused.
     */
    public record Additions(Map<String, String> files, List<PlanStore.StoredChange> changes, List<String> problems) {
        public Additions {
            files = Map.copyOf(files);
            changes = List.copyOf(changes);
            problems = List.copyOf(problems);
        }
    }

    private final Clock clock;
    private final Path work;

    /** Compiles under {@code work} (private directories are made and removed there). */
    public BundleCompiler(Clock clock, Path work) {
        this.clock = requireNonNull(clock, "clock");
        this.work = requireNonNull(work, "work");
    }

    /** Compiles {@code bundle} (whose paths {@link Bundle#problems} accepted). */
    public synchronized Compiled compile(Bundle bundle) {
        Path dir = directory();
        try (PlanCompiler compiler = PlanCompiler.confined(clock, dir)) {
            bundle.writeTo(dir);
            Compilation c = compiler.compile(List.of(dir));
            if (c.plan().isEmpty()) {
                return new Compiled("", List.of(), relative(c.errorLines(), dir));
            }
            Plan plan = c.plan().get();
            compiler.discard(plan);
            return new Compiled(plan.digest().toString(), changes(plan, dir), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle to " + dir, e);
        } finally {
            delete(dir);
        }
    }

    /**
     * What a resubmission of the stored plan {@code digest} adds to it. The files of a stored plan never change: a
     * file the resubmission holds must be the stored one, or a new change record ({@code *.json}) directly in the
     * change directory of the plan as stored (its {@code changeControl.changes}, inside the bundle; the resubmitted
     * configuration cannot move it, since every stored file must be resubmitted as is). Files the resubmission leaves
     * out stay stored. The stored files with the additions must still compile to {@code digest}.
     */
    public synchronized Additions additions(String digest, Bundle stored, Bundle resubmitted) {
        Path dir = directory();
        try (PlanCompiler compiler = PlanCompiler.confined(clock, dir)) {
            stored.writeTo(dir);
            Compilation c = compiler.compile(List.of(dir));
            Optional<String> altered = altered(digest, c, dir);
            if (altered.isPresent()) {
                return new Additions(Map.of(), List.of(), List.of(altered.get()));
            }
            Plan plan = c.plan().orElseThrow();
            compiler.discard(plan);
            Optional<Path> changes = changeDirectory(plan, dir);
            String where = changes.map(p -> p.equals(dir) ? "the bundle's top level" : dir.relativize(p) + "/")
                    .orElse("nowhere: the plan has no change directory inside the bundle");
            Map<String, String> added = new TreeMap<>();
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, String> f : resubmitted.files().entrySet()) {
                String held = stored.files().get(f.getKey());
                Path file = dir.resolve(f.getKey()).normalize();
                if (held != null && !held.equals(f.getValue())) {
                    problems.add("files['" + f.getKey() + "']: differs from the file stored with plan " + digest
                            + " (expected: a stored plan's files never change; add an approved record under a new name)");
                } else if (held == null && (changes.isEmpty() || !file.getParent().equals(changes.get())
                        || !f.getKey().endsWith(".json"))) {
                    problems.add("files['" + f.getKey() + "']: not a file of plan " + digest + " as stored (expected: "
                            + "only new change records, *.json in the plan's change directory, are added to a stored "
                            + "plan; its change directory is " + where + ")");
                } else if (held == null) {
                    added.put(f.getKey(), f.getValue());
                }
            }
            if (!problems.isEmpty() || added.isEmpty()) {
                return new Additions(Map.of(), List.of(), problems);
            }
            clear(dir);
            Map<String, String> merged = new TreeMap<>(stored.files());
            merged.putAll(added);
            new Bundle(merged).writeTo(dir);
            Compilation with = compiler.compile(List.of(dir));
            Optional<String> moved = altered(digest, with, dir);
            if (moved.isPresent()) {
                return new Additions(Map.of(), List.of(), List.of("the new files change the plan: " + moved.get()));
            }
            compiler.discard(with.plan().orElseThrow());
            List<PlanStore.StoredChange> records = changes(with.plan().orElseThrow(), dir).stream()
                    .filter(r -> added.containsKey(r.path())).toList();
            return new Additions(added, records, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a bundle to " + dir, e);
        } finally {
            delete(dir);
        }
    }

    /**
     * Why the stored {@code bundle} is not the plan {@code digest} (it no longer compiles, or compiles to another
     * digest), or empty when it is: a plan is promoted and served only while its files still give its digest.
     */
    public synchronized Optional<String> verify(String digest, Bundle bundle) {
        Path dir = directory();
        try (PlanCompiler compiler = PlanCompiler.confined(clock, dir)) {
            bundle.writeTo(dir);
            Compilation c = compiler.compile(List.of(dir));
            c.plan().ifPresent(compiler::discard);
            return altered(digest, c, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a bundle to " + dir, e);
        } finally {
            delete(dir);
        }
    }

    /**
     * Whether {@code candidate} (the stored files of plan {@code candidateDigest}) may replace {@code current} (the
     * stored files of the plan {@code currentDigest} in force; both null when nothing was promoted yet). Either bundle
     * that no longer compiles to its digest refuses the promotion: its files were altered in the store.
     */
    public synchronized Gate gate(String currentDigest, Bundle current, String candidateDigest, Bundle candidate) {
        Path dir = directory();
        try (PlanCompiler compiler = PlanCompiler.confined(clock, dir)) {
            Plan served = null;
            if (current != null) {
                current.writeTo(dir);
                Compilation c = compiler.compile(List.of(dir));
                if (c.plan().isEmpty()) {
                    return new Refused(prefixed("the current plan no longer compiles here, so its change control "
                            + "cannot be applied: ", relative(c.errorLines(), dir)));
                }
                served = c.plan().get();
                compiler.discard(served);
                Optional<String> altered = altered(currentDigest, c, dir);
                if (altered.isPresent()) {
                    return new Refused(List.of("the current plan cannot be checked against: " + altered.get()));
                }
                clear(dir);
            }
            candidate.writeTo(dir);
            Compilation c = compiler.compile(List.of(dir));
            if (c.plan().isEmpty()) {
                return new Refused(prefixed("the plan no longer compiles: ", relative(c.errorLines(), dir)));
            }
            Plan next = c.plan().get();
            compiler.discard(next);
            Optional<String> altered = altered(candidateDigest, c, dir);
            if (altered.isPresent()) {
                return new Refused(List.of(altered.get()));
            }
            ChangeGate.Outcome outcome = ChangeGate.check(served, next, clock.instant());
            if (outcome instanceof ChangeGate.Approved a) {
                return new Open(relative(List.of(a.summary()), dir).get(0));
            }
            if (outcome instanceof ChangeGate.Refused r) {
                return new Refused(relative(r.findings(), dir));
            }
            Plan inForce = served == null ? next : served;
            return new Open(inForce.node().changeControl().isEmpty() ? "no change control" : "the plan in force again");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a bundle to " + dir, e);
        } finally {
            delete(dir);
        }
    }

    /** Why compilation {@code c} of a stored bundle is not the plan {@code digest}, or empty when it is. */
    private static Optional<String> altered(String digest, Compilation c, Path dir) {
        if (c.plan().isEmpty()) {
            return Optional.of("the stored files of plan " + digest + " no longer compile (the store was altered; "
                    + "expected: a plan's files as submitted): " + String.join("; ", relative(c.errorLines(), dir)));
        }
        String actual = c.plan().get().digest().toString();
        return actual.equals(digest) ? Optional.empty() : Optional.of("the stored files of plan " + digest
                + " compile to " + actual + " (the store was altered; expected: a plan's files as submitted)");
    }

    /** The plan's change directory, when it is inside the bundle written to {@code dir}. */
    private static Optional<Path> changeDirectory(Plan plan, Path dir) {
        return plan.node().changeControl().map(ChangeControl::changes).map(p -> p.toAbsolutePath().normalize())
                .filter(p -> p.startsWith(dir));
    }

    /** The change records in the plan's change directory, when it is inside the bundle. */
    private static List<PlanStore.StoredChange> changes(Plan plan, Path dir) {
        List<PlanStore.StoredChange> out = new ArrayList<>();
        Path changes = changeDirectory(plan, dir).orElse(null);
        if (changes == null || !Files.isDirectory(changes)) {
            return out;
        }
        try (Stream<Path> files = Files.list(changes)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    ChangeFile record = ChangeFile.read(f);
                    var c = record.change();
                    out.add(new PlanStore.StoredChange(dir.relativize(f).toString(), c.id(), c.from(), c.to(), c.author(),
                            c.risk().level().id(), c.expires(),
                            String.join(",", record.approvals().stream().map(a -> a.approver()).toList())));
                } catch (IOException | RuntimeException e) {
                    // not a change record: the gate says so when the plan is promoted
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static List<String> prefixed(String prefix, List<String> lines) {
        return lines.stream().map(l -> prefix + l).toList();
    }

    /** The lines with the private directory left out of every path. */
    private static List<String> relative(List<String> lines, Path dir) {
        String prefix = dir.toString() + dir.getFileSystem().getSeparator();
        return lines.stream().map(l -> l.replace(prefix, "").replace(dir.toString(), ".")).toList();
    }

    private Path directory() {
        try {
            Files.createDirectories(work);
            return Files.createTempDirectory(work, "bundle-").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory under " + work, e);
        }
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void delete(Path dir) {
        try {
            clear(dir);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover private directory under the work directory; removed with it
        }
    }
}
