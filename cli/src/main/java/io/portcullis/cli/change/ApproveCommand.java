package io.portcullis.cli.change;

import io.portcullis.cli.ExitCodes;
import io.portcullis.runtime.change.Approval;
import io.portcullis.runtime.change.ApprovalSignatures;
import io.portcullis.runtime.change.ChangeFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portcullis approve CHANGE --key KEY --approver ID}: adds the approver's Ed25519 signature over the
 * record's digest to the change record file (replacing an earlier one by the same approver). Exit 0 signed,
 * 1 refused (the author approving their own change), 2 invalid input.
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"Sign a change record: adds an Ed25519 signature over the record's digest, which covers both "
                + "plan digests, so any edit to the candidate voids it. The key never leaves this machine and is never "
                + "printed.",
                "Exit codes: 0 signed, 1 refused (an author cannot approve their own change), 2 invalid input."})
public final class ApproveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CHANGE", description = "the change record file written by 'portcullis propose'")
    Path change;

    @Option(names = "--key", required = true, paramLabel = "KEY",
            description = "the approver's Ed25519 private key: PKCS#8 PEM (openssl genpkey -algorithm ed25519) or an OKP JWK")
    Path key;

    @Option(names = "--approver", required = true, paramLabel = "ID",
            description = "the approver's id, as changeControl.approvers[].id declares it")
    String approver;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ChangeFile file;
        KeyPair pair;
        try {
            file = ChangeFile.read(change);
        } catch (IOException | IllegalArgumentException e) {
            return invalid(err, change + ": not a change record: " + e.getMessage());
        }
        try {
            pair = ApprovalSignatures.readSigningKey(key);
        } catch (IOException | RuntimeException e) {
            return invalid(err, "--key: " + e.getMessage());
        }
        if (file.change().author().equals(approver)) {
            err.println("error: " + approver + " is the author of change " + file.change().id()
                    + " (expected: an approver other than the author)");
            err.flush();
            return ExitCodes.DENIED;
        }
        Approval approval;
        try {
            approval = ApprovalSignatures.sign(file.change(), approver, pair);
            file = file.with(approval);
            file.write(change);
        } catch (IOException | IllegalArgumentException e) {
            return invalid(err, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("approved change " + file.change().id() + " (" + file.change().digest() + ", risk "
                + file.change().risk().level().id() + ") as " + approver + " with key " + approval.keyId() + "; "
                + file.approvals().size() + " approval(s): " + String.join(", ",
                file.approvals().stream().map(Approval::approver).toList()));
        out.flush();
        return ExitCodes.OK;
    }

    private static int invalid(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return ExitCodes.INVALID;
    }
}
