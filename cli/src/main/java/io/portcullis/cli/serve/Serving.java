package io.portcullis.cli.serve;

import io.portcullis.console.Console;
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

    /** A started node and its console (null when the plan has no {@code console} section); closed console first. */
    record Served(Node node, Console console) implements AutoCloseable {
        @Override
        public void close() {
            if (console != null) {
                console.close();
            }
            node.close();
        }
    }

    /**
     * A started node with its console, or null after printing every reason it cannot serve (and {@code bindHint}
     * for a bind failure).
     */
    static Served start(List<Path> config, PrintWriter err, String bindHint) {
        return start(config, List.of(), err, bindHint);
    }

    /** As {@link #start(List, PrintWriter, String)}, with {@code shadow} (empty: none) decided beside the plan. */
    static Served start(List<Path> config, List<Path> shadow, PrintWriter err, String bindHint) {
        Node node;
        try {
            node = Node.builder(config).shadow(shadow).build().start();
        } catch (Node.NodeStartException e) {
            e.problems().forEach(p -> err.println("error: " + p));
            if (bindHint != null && e.getMessage().contains("cannot start the gateway")) {
                err.println(bindHint);
            }
            err.flush();
            return null;
        }
        try {
            return withConsole(node);
        } catch (IllegalStateException e) {
            node.close();
            err.println("error: " + node.plan().place(e.getMessage()));
            err.flush();
            return null;
        }
    }

    /**
     * {@code node} with its console started (none without a {@code console} section).
     *
     * @throws IllegalStateException when the console cannot start (its listener cannot bind, say)
     */
    static Served withConsole(Node node) {
        return new Served(node, Console.start(node).orElse(null));
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
