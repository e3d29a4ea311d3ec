package io.portcullis.estate.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Work on items {@code 0..n-1} done a few items ahead on one thread per processor while the caller takes the
 * results in order: each of the export's files is parsed and read (which depends on nothing but the file) while the
 * caller appends the files before it. At most {@value #AHEAD} items are started and not yet taken, so a large
 * export never holds more than that many files' trees; with one processor or one item, each is done on the
 * caller's thread when taken. The threads live for one read.
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
        int processors = Runtime.getRuntime().availableProcessors();
        this.worker = size > 1 && processors > 1 ? Executors.newFixedThreadPool(Math.min(processors, AHEAD), r -> {
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
