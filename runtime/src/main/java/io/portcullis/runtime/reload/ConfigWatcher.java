package io.portcullis.runtime.reload;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a reload action when a configuration file changes or the process receives SIGHUP.
 *
 * <p>Design: one daemon thread blocks on a {@link WatchService} over the directories that hold the
 * configuration (a configured directory itself, where any change counts, or a configured file's parent, where
 * only that file counts: editors replace files by rename).
 * Events are debounced ({@code settle}): an editor's write-rename-chmod burst, or a {@code cp -r} of many files,
 * becomes one reload after the directory has been quiet for that long. Reloads run on a single worker thread,
 * so they never overlap and never run on a request thread.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Runnable reload;
    private final Duration settle;
    private final Set<Path> files = new HashSet<>();
    private final Set<Path> wholeDirs = new HashSet<>();
    private final WatchService watch;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "portcullis-reload");
        t.setDaemon(true);
        return t;
    });
    private final Thread watcher;
    private ScheduledFuture<?> pending;

    public ConfigWatcher(List<Path> configPaths, Duration settle, Runnable reload) throws IOException {
        this.reload = requireNonNull(reload, "reload");
        this.settle = requireNonNull(settle, "settle");
        this.watch = FileSystems.getDefault().newWatchService();
        Set<Path> dirs = new HashSet<>();
        for (Path p : configPaths) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                dirs.add(abs);
                wholeDirs.add(abs);
            } else {
                files.add(abs);
                dirs.add(abs.getParent());
            }
        }
        for (Path dir : dirs) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
        this.watcher = new Thread(this::watchLoop, "portcullis-config-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Reloads on SIGHUP as well (where the platform has signals). */
    public ConfigWatcher onSighup() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                log.info("SIGHUP received, reloading the configuration");
                trigger(Duration.ZERO);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("SIGHUP reload unavailable on this platform: {}", e.getMessage());
        }
        return this;
    }

    /** Schedules a reload after {@code delay}, replacing one not yet started. */
    public synchronized void trigger(Duration delay) {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = worker.schedule(this::runReload, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runReload() {
        try {
            reload.run();
        } catch (RuntimeException e) {
            log.error("reload failed, previous configuration stays in force", e);
        }
    }

    private void watchLoop() {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean relevant = false;
                Path dir = (Path) key.watchable();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        relevant = true;
                        continue;
                    }
                    Path changed = dir.resolve((Path) event.context());
                    relevant |= wholeDirs.contains(dir) || files.contains(changed);
                }
                key.reset();
                if (relevant) {
                    trigger(settle);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            log.debug("closing the watch service", e);
        }
        watcher.interrupt();
        worker.shutdownNow();
    }
}
