package io.portcullis.cli.audit;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.audit.merkle.InvalidProofException;
import io.portcullis.audit.verify.ProofDocument;
import io.portcullis.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code portcullis audit verify-proof [PROOF] --key PUBLIC-KEY}: checks a proof without the log. */
@Command(name = "verify-proof", mixinStandardHelpOptions = true,
        description = {"Check an inclusion proof printed by 'portcullis audit prove', offline: the checkpoint's "
                + "signature, and that the record hashes into the signed root.",
                "Exit codes: 0 valid, 1 invalid proof, 2 invalid input."})
public final class AuditVerifyProofCommand extends AuditSubcommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROOF", description = "the proof JSON file; '-' or "
            + "absent reads standard input")
    String proof = "-";

    @Option(names = "--key", required = true, paramLabel = "PUBLIC-KEY", description = "the checkpoint public key (PEM)")
    Path key;

    @Override
    int run(PrintWriter out, PrintWriter err) throws IOException {
        try {
            PublicKey publicKey = AuditKeys.readPublicKey(key);
            String json = proof.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(proof), StandardCharsets.UTF_8);
            ProofDocument doc = ProofDocument.parse(json);
            doc.verify(publicKey);
            out.println("valid: record " + doc.proof().leafIndex() + " is in the log of " + doc.checkpoint().size()
                    + " records signed at " + doc.checkpoint().time() + " by key " + doc.checkpoint().keyId());
            return ExitCodes.OK;
        } catch (InvalidProofException e) {
            err.println("INVALID PROOF: " + e.getMessage());
            return ExitCodes.DENIED;
        }
    }
}
