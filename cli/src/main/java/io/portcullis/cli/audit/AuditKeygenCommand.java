package io.portcullis.cli.audit;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code portcullis audit keygen --out PREFIX}: writes PREFIX.key (for {@code audit.signingKey}) and PREFIX.pub. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Create an Ed25519 key pair for signing audit checkpoints: PREFIX.key (the 'signingKey' "
                + "setting; owner-only permissions) and PREFIX.pub (give it to auditors for --key).",
                "Exit codes: 0 written, 2 invalid input (files exist, or cannot be written)."})
public final class AuditKeygenCommand extends AuditSubcommand {

    @Option(names = "--out", required = true, paramLabel = "PREFIX", description = "path prefix of the two files")
    String prefix;

    @Option(names = "--force", description = "overwrite existing files")
    boolean force;

    @Override
    int run(PrintWriter out, PrintWriter err) throws IOException {
        Path signing = Path.of(prefix + ".key");
        Path pub = Path.of(prefix + ".pub");
        try {
            if (!force && (Files.exists(signing) || Files.exists(pub))) {
                err.println("invalid input: " + signing + " or " + pub + " exists (expected: new files, or --force)");
                return ExitCodes.INVALID;
            }
            KeyPair pair = AuditKeys.generate();
            Path parent = signing.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent); // --out names a prefix; its directory may not exist yet
            }
            AuditKeys.writeSigningKey(signing, pair);
            AuditKeys.writePublicKey(pub, pair.getPublic());
            out.println("wrote " + signing + " and " + pub + " (key " + AuditKeys.keyId(pair.getPublic()) + ")");
            return ExitCodes.OK;
        } catch (IOException e) {
            err.println("invalid input: cannot write " + signing + ": " + e.getMessage());
            return ExitCodes.INVALID;
        }
    }
}
