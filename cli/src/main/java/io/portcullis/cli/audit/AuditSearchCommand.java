package io.portcullis.cli.audit;

import io.portcullis.audit.read.AuditSearch;
import io.portcullis.audit.read.RecordFilter;
import io.portcullis.cli.ExitCodes;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code portcullis audit search DIR [--since --until --api --source --workload --principal --verdict --layer]}. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Print the audit records that match every option given, in log order, as JSON lines: "
                + "{\"type\":\"record\",\"index\":N,\"leafHash\":\"...\",\"record\":{...}} (docs/audit.md). "
                + "'portcullis audit prove DIR --record N' proves any of them.",
                "A count goes to standard error. With --since, segments older than it are skipped unread.",
                "Exit codes: 0 records matched, 1 none matched or the log is damaged (standard error says where; "
                        + "the records before the damage are printed), 2 invalid input."})
public final class AuditSearchCommand extends AuditSubcommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "the audit log directory")
    Path dir;

    @Option(names = "--since", paramLabel = "TIME", converter = Times.class,
            description = "records at or after TIME (ISO-8601: 2026-03-04T10:00:00Z, or a date, 2026-03-04, at 00:00 UTC)")
    Instant since;

    @Option(names = "--until", paramLabel = "TIME", converter = Times.class, description = "records before TIME")
    Instant until;

    @Option(names = "--api", paramLabel = "NAME", description = "the API")
    String api;

    @Option(names = "--source", paramLabel = "ADDRESS|CIDR", description = "the source address, or a CIDR holding it")
    String source;

    @Option(names = "--workload", paramLabel = "ID", description = "the workload the network layer resolved")
    String workload;

    @Option(names = "--principal", paramLabel = "PRINCIPAL", description = "the principal (an ARN, or a client "
            + "certificate's identity)")
    String principal;

    @Option(names = "--verdict", paramLabel = "allow|deny", description = "allowed or denied")
    Verdict verdict;

    @Option(names = "--layer", paramLabel = "LAYER", description = "the layer that decided: ${COMPLETION-CANDIDATES}")
    Layer layer;

    @Override
    int run(PrintWriter out, PrintWriter err) throws IOException {
        RecordFilter filter = new RecordFilter(since, until, api, source, workload, principal, verdict, layer);
        AuditSearch.Result r;
        try (OutputStream records = bytes(out)) {
            r = AuditSearch.search(dir, filter, records);
        }
        err.println("search: " + r.matched() + " of " + r.read() + " records read matched" + (since == null ? ""
                : " (" + r.skipped() + " of " + r.segments() + " segments older than --since skipped)"));
        if (r.damage() != null) {
            err.println("DAMAGED: " + r.damage() + " (the records before it were searched)");
            return ExitCodes.DENIED;
        }
        return r.matched() > 0 ? ExitCodes.OK : ExitCodes.DENIED;
    }
}
