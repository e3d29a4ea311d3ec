package io.portcullis.cli.audit;

import io.portcullis.audit.read.AuditExport;
import io.portcullis.cli.ExitCodes;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code portcullis audit export DIR [--from N] [--follow] [--to FILE|tcp://HOST:PORT]}: audit records for a SIEM. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Stream the audit records that signed checkpoints cover, each checkpoint after the records "
                + "it covers, as JSON lines (docs/audit.md) for a SIEM: to standard output, a file (appended; "
                + "resumes after its last line) or a TCP socket. With --follow it goes on as the log grows "
                + "until it is stopped (SIGINT, SIGTERM), finishing the round in progress.",
                "Exit codes: 0 done, 1 stopped early: the log is damaged, records are gone (retention) or the "
                        + "destination failed (standard error says which and the --from to resume with), "
                        + "2 invalid input."})
public final class AuditExportCommand extends AuditSubcommand {

    private static final Pattern TCP = Pattern.compile("tcp://(\\[[^\\]]+\\]|[^:/]+):(\\d{1,5})/?");
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)(ms|s|m)");

    @Parameters(index = "0", paramLabel = "DIR", description = "the audit log directory")
    Path dir;

    @Option(names = "--from", paramLabel = "N", description = "the first record to export (default: 0, or for "
            + "--to FILE the record after the file's last line)")
    Long from;

    @Option(names = "--follow", description = "keep exporting as the log grows")
    boolean follow;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "with --follow, how often to look for new checkpoints: 500ms, 2s, 1m (default: ${DEFAULT-VALUE})")
    String interval;

    @Option(names = "--to", paramLabel = "FILE|tcp://HOST:PORT", description = "where the lines go (default: "
            + "standard output)")
    String to;

    @Override
    int run(PrintWriter out, PrintWriter err) throws IOException {
        Duration every = interval(interval);
        Matcher tcp = to == null ? null : TCP.matcher(to);
        long start = from != null ? from : to != null && !tcp.matches() ? AuditExport.resumeIndex(Path.of(to)) : 0;
        AuditExport export = AuditExport.of(dir, start);
        AuditExport.Result r;
        try (OutputStream sink = open(out, tcp)) {
            r = follow ? untilStopped(export, sink, every) : export.run(sink, false, every, () -> true);
        }
        err.println("exported " + count(r.records(), "record") + " and " + count(r.checkpoints(), "checkpoint")
                + " from record " + start + "; next record " + r.next());
        if (r.problem() != null) {
            err.println("STOPPED: " + r.problem() + "; resume with --from " + r.next());
            return ExitCodes.DENIED;
        }
        return ExitCodes.OK;
    }

    /** Follows until the process is asked to stop; the round in progress is finished and flushed first. */
    private static AuditExport.Result untilStopped(AuditExport export, OutputStream sink, Duration every)
            throws IOException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "portcullis-export-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return export.run(sink, true, every, stop::get);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what ended the export
            }
        }
    }

    private OutputStream open(PrintWriter out, Matcher tcp) throws IOException {
        if (to == null) {
            return bytes(out);
        }
        if (!tcp.matches()) {
            return new BufferedOutputStream(Files.newOutputStream(Path.of(to), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND), 64 * 1024);
        }
        String host = tcp.group(1).replaceAll("^\\[|\\]$", "");
        int port = Integer.parseInt(tcp.group(2));
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 10_000);
        } catch (IOException e) {
            socket.close();
            throw new IOException("--to " + to + ": cannot connect: " + e.getMessage(), e);
        }
        return new BufferedOutputStream(socket.getOutputStream(), 64 * 1024) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    socket.close();
                }
            }
        };
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static Duration interval(String text) {
        Matcher m = INTERVAL.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("--interval: '" + text + "' (expected: a positive duration such as "
                    + "500ms, 2s or 1m)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
