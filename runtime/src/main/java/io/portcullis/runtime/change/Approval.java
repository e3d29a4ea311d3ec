package io.portcullis.runtime.change;

import java.util.regex.Pattern;

/**
 * One approver's Ed25519 signature over a change record's digest ({@link ApprovalSignatures#message}).
 *
 * @param approver the approver's id, as {@code changeControl.approvers[].id} declares it
 * @param change the digest of the record it was signed for (a copy on another record shows it at once)
 * @param keyId the first 8 bytes of SHA-256 over the public key it verifies with, in hex
 * @param signature the 64-byte signature in lower-case hex
 */
public record Approval(String approver, String change, String keyId, String signature) {

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{128}");

    public Approval {
        if (approver == null || !ChangeRecord.ID.matcher(approver).matches()) {
            throw new IllegalArgumentException("approver: '" + approver + "' (expected: an approver id)");
        }
        if (change == null || !ChangeRecord.DIGEST.matcher(change).matches()) {
            throw new IllegalArgumentException("change: '" + change + "' (expected: sha256:<64 hex digits>)");
        }
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("keyId: '" + keyId + "' (expected: 16 lower-case hex digits)");
        }
        if (signature == null || !SIGNATURE.matcher(signature).matches()) {
            throw new IllegalArgumentException("signature: (expected: 128 lower-case hex digits, an Ed25519 signature)");
        }
    }
}
