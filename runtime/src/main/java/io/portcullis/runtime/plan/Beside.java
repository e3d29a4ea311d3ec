package io.portcullis.runtime.plan;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Work done on a thread of its own beside the caller's (the engine's compile beside the digest, files written
 * beside the compile that reads their trees), its result taken later with what it threw rethrown as it was: a
 * refused configuration is the same {@link IllegalArgumentException} whether it was found here or there. With one
 * processor the work is done at once on the caller's thread. The thread is a daemon: a command that fails
 * elsewhere does not wait for it.
 */
public final class Beside<T> {

    private final FutureTask<T> task;

    private Beside(FutureTask<T> task) {
        this.task = task;
    }

    /** Starts {@code work} on a daemon thread named {@code thread} (or runs it now, with one processor). */
    public static <T> Beside<T> start(String thread, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(requireNonNull(work, "work"));
        if (Runtime.getRuntime().availableProcessors() < 2) {
            task.run();
        } else {
            Thread t = new Thread(task, requireNonNull(thread, "thread"));
            t.setDaemon(true);
            t.start();
        }
        return new Beside<>(task);
    }

    /** The result, waiting for it; an unchecked failure rethrown as it was. */
    public T join() {
        return result(task);
    }

    /** The result, waiting for it; a failure of type {@code checked} or an unchecked one rethrown as it was. */
    public <X extends Exception> T join(Class<X> checked) throws X {
        try {
            return await(task);
        } catch (ExecutionException e) {
            if (checked.isInstance(e.getCause())) {
                throw checked.cast(e.getCause());
            }
            throw unchecked(e);
        }
    }

    /** Stops the work if it has not finished (its result is not needed). */
    public void cancel() {
        task.cancel(true);
    }

    /** The result of {@code task}, waiting for it; an unchecked failure rethrown as it was. */
    public static <T> T result(Future<T> task) {
        try {
            return await(task);
        } catch (ExecutionException e) {
            throw unchecked(e);
        }
    }

    private static <T> T await(Future<T> task) throws ExecutionException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            throw new IllegalStateException("interrupted while waiting for work done beside", e);
        }
    }

    private static RuntimeException unchecked(ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
            return r;
        }
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("work done beside failed", e.getCause());
    }
}
