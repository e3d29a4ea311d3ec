package io.portcullis.cli.serve;

import io.portcullis.runtime.Node;
import io.portcullis.runtime.reload.ConfigWatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** What {@code run} and {@code demo} share: starting a node, reloading it, and serving until the process is stopped. */
final class Serving {

    private Serving() {}

    /** A started node, or null after printing every reason it cannot serve (and {@code bindHint} for a bind failure). */
    static Node start(List<Path> config, PrintWriter err, String bindHint) {
        return start(config, List.of(), err, bindHint);
    }

    /** As {@link #start(List, PrintWriter, String)}, with {@code shadow} (empty: none) decided beside the plan. */
    static Node start(List<Path> config, List<Path> shadow, PrintWriter err, String bindHint) {
        try {
            return Node.builder(config).shadow(shadow).build().start();
        } catch (Node.NodeStartException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            if (bindHint != null && e.getMessage().contains("cannot start the gateway")) {
                err.println(bindHint);
            }
            err.flush();
            return null;
        }
    }

    /** Reloads {@code node} when one of {@code paths} changes, and on SIGHUP. */
    static ConfigWatcher watch(Node node, List<Path> paths) throws IOException {
        return new ConfigWatcher(paths, Duration.ofMillis(300), node::reload).onSighup();
    }

    /** Blocks until SIGINT or SIGTERM; the shutdown hook closes what runs (a node) before the process exits. */
    static void untilStopped(AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                e.printStackTrace(); // the process is exiting; the log may already be stopped
            }
            stopped.countDown();
        }, "portcullis-shutdown"));
        stopped.await();
    }
}
