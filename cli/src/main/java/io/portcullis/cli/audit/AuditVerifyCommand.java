package io.portcullis.cli.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.verify.AuditVerifier;
import io.portcullis.audit.verify.Damage;
import io.portcullis.audit.verify.Finding;
import io.portcullis.audit.verify.VerificationResult;
import io.portcullis.cli.ControlAccess;
import io.portcullis.cli.ExitCodes;
import io.portcullis.runtime.cluster.ControlClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.net.URI;
import java.security.PublicKey;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code portcullis audit verify DIR [--key PUBLIC-KEY] [--published FILE | --control URL --node-id ID]}: the log
 * itself, then (when asked) that every checkpoint the node published to its control plane is a prefix of it.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check every record, every checkpoint signature and the consistency between checkpoints.",
                "Names the first bad record and the kind of damage: modified, deleted, inserted, reordered, "
                        + "truncated, torn-tail; or says that the key is wrong, or what of the log is missing.",
                "With --published FILE (as GET /v1/nodes/{id}/checkpoints answers) or --control URL --node-id ID, "
                        + "also checks that every checkpoint the node published is a prefix of the log on disk "
                        + "(the same root at its size), and names the first that is not.",
                "Exit codes: 0 intact, 1 damaged, 2 invalid input."})
public final class AuditVerifyCommand extends AuditSubcommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "the audit log directory")
    Path dir;

    @Option(names = "--key", paramLabel = "PUBLIC-KEY", description = "the checkpoint public key (PEM); "
            + "without it the copy in DIR is used, which whoever can alter the log could replace")
    Path key;

    @Option(names = "--published", paramLabel = "FILE",
            description = "the node's published checkpoints, as JSON (GET /v1/nodes/{id}/checkpoints)")
    Path published;

    @Option(names = "--control", paramLabel = "URL",
            description = "the control plane to read the node's published checkpoints from (with --node-id)")
    URI control;

    @Option(names = "--node-id", paramLabel = "ID", description = "the node whose log DIR is (with --control)")
    String nodeId;

    @Mixin
    ControlAccess access;

    @Override
    int run(PrintWriter out, PrintWriter err) throws IOException {
        if (published != null && control != null || (control == null) != (nodeId == null)) {
            throw new IllegalArgumentException("published checkpoints: give --published FILE, or --control URL with "
                    + "--node-id ID (expected: one source)");
        }
        int log = verify(out, err);
        if (log != ExitCodes.OK || published == null && control == null) {
            return log;
        }
        PublicKey publicKey = AuditKeys.readPublicKey(key != null ? key : dir.resolve("checkpoint-key.pub"));
        return PublishedCheckpoints.check(dir, publicKey, publishedList(), out, err);
    }

    private List<ControlClient.Accepted> publishedList() throws IOException {
        if (published != null) {
            return ControlClient.accepted(new ObjectMapper().readTree(published.toFile()));
        }
        try {
            return new ControlClient(control, access.credentials()).checkpoints(nodeId);
        } catch (ControlClient.ControlException e) {
            throw new IOException("cannot read the published checkpoints: " + e.getMessage(), e);
        }
    }

    private int verify(PrintWriter out, PrintWriter err) throws IOException {
        VerificationResult result;
        if (key == null) {
            err.println("warning: no --key given; using " + dir.resolve("checkpoint-key.pub")
                    + ", which is only as trustworthy as the directory");
            result = AuditVerifier.verify(dir);
        } else {
            PublicKey publicKey = AuditKeys.readPublicKey(key);
            result = AuditVerifier.verify(dir, publicKey);
        }
        result.notes().forEach(n -> out.println("note: " + n));
        if (result.intact()) {
            out.println("intact: " + result.records() + " records from record " + result.firstRecord() + ", "
                    + result.checkpoints() + " checkpoints verified with key " + result.keyId());
            return ExitCodes.OK;
        }
        Finding first = result.first().orElseThrow();
        if (first.damage() == Damage.WRONG_KEY) {
            err.println("WRONG KEY: " + first.detail().replace("(expected: ", "(expected: --key with "));
            out.println("not verified: wrong key " + result.keyId());
            return ExitCodes.DENIED;
        }
        if (first.damage() == Damage.MISSING) {
            err.println("MISSING: " + first.detail());
            out.println("not intact: nothing to verify");
            return ExitCodes.DENIED;
        }
        err.println("DAMAGED: " + first);
        result.findings().stream().filter(f -> f != first).forEach(f -> err.println("also: " + f));
        out.println("damaged: " + result.records() + " records verified before the first damage");
        return ExitCodes.DENIED;
    }
}
