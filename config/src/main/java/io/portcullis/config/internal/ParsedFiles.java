package io.portcullis.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.config.ConfigDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The files of one load, parsed side by side: each file's YAML and its elements ({@link SectionParser#elements})
 * depend on nothing but its text. The files meet only when the loading thread merges them, in order, taking each
 * as it is ready: its elements appended, its node sections {@linkplain SectionParser#finish finished}. Each file's
 * problems are collected apart (placed by the file's own {@link Locations}) and handed over with it, so they come
 * out in the order a sequential load gives, and the configuration, its problems and its digest are the same.
 *
 * <p>One parser thread per processor, none for a single file or a single processor (parsed on the loading thread).
 * At most {@code 2 × threads} files are parsed ahead of the one being merged, so a large directory never holds every
 * tree at once. The threads live for one load.
 */
public final class ParsedFiles implements AutoCloseable {

    /**
     * One file parsed: its top-level mapping (for {@link SectionParser#finish}; null when the YAML could not be read),
     * its elements, where its values were written, and its problems so far.
     */
    public record Parsed(Fields root, Draft elements, Locations locations, Problems problems) {}

    private final SafeYaml yaml;
    private final List<ConfigDocument> sources;
    private final ExecutorService readers; // null: every file is parsed on the loading thread
    private final int ahead;
    private final List<Future<Parsed>> started = new ArrayList<>();
    private final java.nio.file.Path confinement; // null: paths may lead anywhere

    /** {@code sources}: each file's name and text (and tree, when already read), in merge order. */
    public ParsedFiles(SafeYaml yaml, List<ConfigDocument> sources) {
        this(yaml, sources, null);
    }

    /**
     * As {@link #ParsedFiles(SafeYaml, List)}, every file path the files name confined to the directory
     * {@code confinement} (null: not confined; {@link Problems#confine}).
     */
    public ParsedFiles(SafeYaml yaml, List<ConfigDocument> sources, java.nio.file.Path confinement) {
        this.yaml = yaml;
        this.sources = sources;
        this.confinement = confinement;
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), sources.size());
        this.readers = threads > 1 ? Executors.newFixedThreadPool(threads, daemons()) : null;
        this.ahead = 2 * threads;
    }

    /** File {@code i} of the sources, parsed; files are taken in order, each once. */
    public Parsed take(int i) {
        if (readers == null) {
            return parse(i);
        }
        while (started.size() < Math.min(sources.size(), i + 1 + ahead)) {
            int next = started.size();
            started.add(readers.submit(() -> parse(next)));
        }
        Future<Parsed> parsed = started.set(i, null); // taken: the file is the caller's to drop
        try {
            return parsed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // kept for the caller; this file is parsed here instead
            parsed.cancel(true);
            return parse(i);
        } catch (ExecutionException e) {
            // parsing reports every problem of the input as a problem; only an Error of the JVM gets here
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("parsing " + sources.get(i).file() + " failed", e.getCause());
        }
    }

    private Parsed parse(int i) {
        String file = sources.get(i).file();
        String text = sources.get(i).text();
        Problems problems = new Problems();
        problems.file(file);
        if (confinement != null) {
            problems.confine(confinement);
        }
        JsonNode given = sources.get(i).tree();
        Locations locations = text == null ? SafeYaml.labels(given) : yaml.locations(text);
        problems.locate(file, locations);
        Draft elements = new Draft();
        JsonNode tree = given != null ? given : yaml.read(text, problems);
        Fields root = tree == null ? null : new SectionParser(problems, elements).elements(tree);
        return new Parsed(root, elements, locations, problems);
    }

    @Override
    public void close() {
        if (readers != null) {
            readers.shutdownNow();
        }
    }

    private static ThreadFactory daemons() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "config-parser-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
