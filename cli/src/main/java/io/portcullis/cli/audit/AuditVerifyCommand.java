package io.portcullis.cli.audit;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.verify.AuditVerifier;
import io.portcullis.audit.verify.Damage;
import io.portcullis.audit.verify.Finding;
import io.portcullis.audit.verify.VerificationResult;
import io.portcullis.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code portcullis audit verify DIR [--key PUBLIC-KEY]}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check every record, every checkpoint signature and the consistency between checkpoints.",
                "Names the first bad record and the kind of damage: modified, deleted, inserted, reordered, "
                        + "truncated, torn-tail; or says that the key is wrong, or what of the log is missing.",
                "Exit codes: 0 intact, 1 damaged, 2 invalid input."})
public final class AuditVerifyCommand extends AuditSubcommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "the audit log directory")
    Path dir;

    @Option(names = "--key", paramLabel = "PUBLIC-KEY", description = "the checkpoint public key (PEM); "
            + "without it the copy in DIR is used, which whoever can alter the log could replace")
    Path key;

    @Override
    int run(PrintWriter out, PrintWriter err) throws IOException {
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
