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
import java.util.stream.Stream;

/**
 * Compiles bundles with the node's own compiler ({@link PlanCompiler}: the same checks, the same plan digest) and
 * decides promotions with the node's own gate ({@link ChangeGate}). A bundle is written to a private directory and
 * compiled from there, as a node compiles the bundle it fetched, so references to files resolve inside the bundle;
 * problems are reported with paths relative to the bundle.
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
        try (PlanCompiler compiler = PlanCompiler.withClock(clock)) {
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

    /** Whether {@code candidate} may replace {@code current} (null when nothing was promoted yet). */
    public synchronized Gate gate(Bundle current, Bundle candidate) {
        Path dir = directory();
        try (PlanCompiler compiler = PlanCompiler.withClock(clock)) {
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
                clear(dir);
            }
            candidate.writeTo(dir);
            Compilation c = compiler.compile(List.of(dir));
            if (c.plan().isEmpty()) {
                return new Refused(prefixed("the plan no longer compiles: ", relative(c.errorLines(), dir)));
            }
            Plan next = c.plan().get();
            compiler.discard(next);
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

    /** The change records in the plan's change directory, when it is inside the bundle. */
    private static List<PlanStore.StoredChange> changes(Plan plan, Path dir) {
        List<PlanStore.StoredChange> out = new ArrayList<>();
        Path changes = plan.node().changeControl().map(ChangeControl::changes).map(p -> p.toAbsolutePath().normalize())
                .orElse(null);
        if (changes == null || !changes.startsWith(dir) || !Files.isDirectory(changes)) {
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
