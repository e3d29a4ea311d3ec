package io.portcullis.analysis.findings;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One finding: which rule, how severe, about what, why it is true and how to fix it.
 *
 * @param rule the rule's id ({@code PC-NET-003})
 * @param subject what distinguishes this finding from others of the same rule on the same resource
 *     ({@code tcp/22}, {@code from workload billing-1}); {@code ""} when there is only one
 * @param message one line saying what is wrong
 * @param evidence the chain that makes it true: the rules, statements and memberships, each placed where written
 * @param remediation what to change
 */
public record Finding(String rule, Severity severity, Resource resource, String subject, String message,
                      List<String> evidence, String remediation) {

    public Finding {
        requireNonNull(rule, "rule");
        requireNonNull(severity, "severity");
        requireNonNull(resource, "resource");
        requireNonNull(subject, "subject");
        requireNonNull(message, "message");
        evidence = List.copyOf(evidence);
        requireNonNull(remediation, "remediation");
    }

    /**
     * The stable fingerprint: the first 16 bytes of SHA-256 over the rule id, the resource's key and the subject,
     * in hex. Positions and file names are not part of it, so it survives reordering, moving an element to
     * another file and re-imports; baselines and SARIF's {@code partialFingerprints} use it.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((rule + '\n' + resource.key() + '\n' + subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
