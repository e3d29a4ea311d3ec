package io.portcullis.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.audit.read.AuditExport;
import io.portcullis.audit.read.JsonLineSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live decisions: the node's audit log followed with the audit module's export ({@link AuditExport}, the
 * records {@code portcullis audit export --follow} writes, each as soon as a signed checkpoint covers it), from a
 * little before its end when the console starts. Keeps the last {@value #RECENT} connection and request records for
 * the Decisions view, and the refusals of the last {@value #TOP_WINDOW_MINUTES} minutes by source address for the
 * Traffic view's top refused sources, so both are figures of the log itself. One thread of its own.
 */
final class DecisionFeed implements AutoCloseable {

    static final int RECENT = 200;
    static final int TOP_WINDOW_MINUTES = 5;
    /** How far back the feed starts, in records, when the console starts on a log that already has some. */
    static final long BACKLOG = 500;
    private static final Logger log = LoggerFactory.getLogger(DecisionFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Refusal(long millis, String source) {}

    /** What the feed tells the console: whether it wants a row now (parsed only then), and the row. */
    interface Listener {
        boolean wants();

        void row(ObjectNode row);
    }

    private final Path dir;
    private final Listener listener;
    private final Thread thread;
    /** The last lines as read; parsed only when a console opens and asks for them. */
    private final Deque<String> recent = new ArrayDeque<>();
    private final Deque<Refusal> refusals = new ArrayDeque<>();
    private volatile boolean stopped;
    private long next;

    /** Follows {@code dir} from {@code from}; {@code listener} gets each decision row (on the feed's thread). */
    DecisionFeed(Path dir, long from, Listener listener) {
        this.dir = dir;
        this.next = Math.max(0, from);
        this.listener = listener;
        this.thread = new Thread(this::run, "portcullis-console-audit");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!stopped) {
            try {
                AuditExport.Result r = AuditExport.of(dir, next).run(new JsonLineSink(this::line), true,
                        Duration.ofMillis(500), () -> stopped);
                next = r.next(); // the index after the last record exported
                if (r.problem() != null && !stopped) {
                    log.warn("console: following the audit log stopped at record {}: {}", r.next(), r.problem());
                    pause();
                }
            } catch (IOException | RuntimeException e) {
                if (!stopped) {
                    log.warn("console: cannot follow the audit log in {}: {}", dir, e.toString());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            stopped = true;
        }
    }

    /**
     * One line of the export. Under load most records are admitted requests that no console shows: a line is
     * parsed only when it is a refusal (counted by source) or a console wants a row now, so following the log
     * costs a string search per record otherwise.
     */
    private void line(String line) throws IOException {
        if (!line.startsWith("{\"type\":\"record\"")
                || !(line.contains("\"kind\":\"request\"") || line.contains("\"kind\":\"connection\""))) {
            return;
        }
        boolean denied = line.contains("\"verdict\":\"deny\"");
        synchronized (this) {
            recent.addLast(line);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
        boolean wanted = listener.wants();
        if (!denied && !wanted) {
            return;
        }
        JsonNode n = JSON.readTree(line);
        JsonNode record = n.path("record");
        if (denied) {
            synchronized (this) {
                refusals.addLast(new Refusal(Rows.millis(record), record.path("sourceAddress").asText("")));
            }
        }
        if (wanted) {
            listener.row(Rows.row(n.path("index").asLong(), record));
        }
    }

    /** The recent rows, newest first. */
    List<ObjectNode> recent() throws IOException {
        List<String> lines;
        synchronized (this) {
            lines = new java.util.ArrayList<>(recent);
        }
        List<ObjectNode> out = new java.util.ArrayList<>(lines.size());
        for (int i = lines.size() - 1; i >= 0; i--) {
            JsonNode n = JSON.readTree(lines.get(i));
            out.add(Rows.row(n.path("index").asLong(), n.path("record")));
        }
        return out;
    }

    /** The sources refused most in the window ending {@code now}, most first: {@code [{source, count}]}. */
    synchronized ArrayNode topRefused(Instant now, int limit) {
        long since = now.minus(Duration.ofMinutes(TOP_WINDOW_MINUTES)).toEpochMilli();
        while (!refusals.isEmpty() && refusals.peekFirst().millis() < since) {
            refusals.removeFirst();
        }
        Map<String, Long> counts = new HashMap<>();
        refusals.forEach(r -> counts.merge(r.source(), 1L, Long::sum));
        ArrayNode out = JSON.createArrayNode();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey())).limit(limit)
                .forEach(e -> out.addObject().put("source", e.getKey()).put("count", e.getValue()));
        return out;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
