package io.portcullis.estate.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Work on items {@code 0..n-1} done a few items ahead on one other thread while the caller takes the results in
 * order: the export's files are parsed (JSON, which depends on nothing but the file) while the reading thread walks
 * the file before. At most {@value #AHEAD} results wait at once, so a large export never holds every tree; with one
 * processor or one item, each is done on the caller's thread when taken. The thread lives for one read.
 */
final class Ahead<T> implements AutoCloseable {

    static final int AHEAD = 4;

    private final int size;
    private final IntFunction<T> work;
    private final ExecutorService worker; // null: done on the caller's thread
    private final List<Future<T>> started = new ArrayList<>();

    Ahead(int size, IntFunction<T> work) {
        this.size = size;
        this.work = work;
        this.worker = size > 1 && Runtime.getRuntime().availableProcessors() > 1 ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "export-reader");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** The result for item {@code i}; items are taken in order, each once. */
    T take(int i) {
        if (worker == null) {
            return work.apply(i);
        }
        while (started.size() < Math.min(size, i + 1 + AHEAD)) {
            int next = started.size();
            started.add(worker.submit(() -> work.apply(next)));
        }
        Future<T> f = started.set(i, null);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return work.apply(i);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
