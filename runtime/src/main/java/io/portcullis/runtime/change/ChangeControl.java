package io.portcullis.runtime.change;

import static java.util.Objects.requireNonNull;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.config.node.ApprovalRuleConfig;
import io.portcullis.config.node.ApproverConfig;
import io.portcullis.config.node.ChangeControlConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code changeControl} section compiled: the approvers with their public keys read once, when the plan was
 * compiled (a key file replaced on disk later cannot change who approves for the plan in force), the approvals
 * each risk level requires, and where change records are read from.
 */
public record ChangeControl(Path changes, Map<String, Approver> approvers, Map<RiskLevel, ChangeRecord.Required> rules) {

    /** A declared approver: id, role and public key (with its key id, for messages). */
    public record Approver(String id, String role, PublicKey key, String keyId) {
        public Approver {
            requireNonNull(id, "id");
            requireNonNull(role, "role");
            requireNonNull(key, "key");
            requireNonNull(keyId, "keyId");
        }

        @Override
        public String toString() {
            return id + " (" + role + ")";
        }
    }

    public ChangeControl {
        requireNonNull(changes, "changes");
        approvers = Map.copyOf(approvers);
        rules = Map.copyOf(rules);
    }

    /** The rule for {@code level}. */
    public ChangeRecord.Required rule(RiskLevel level) {
        return rules.get(level);
    }

    /**
     * Compiles {@code config}: every approver's key read and checked (problems as {@code PATH: message}, added to
     * {@code problems}), the change directory checked; empty without the section or when a problem was found.
     */
    public static Optional<ChangeControl> compile(Optional<ChangeControlConfig> config, List<String> problems) {
        if (config.isEmpty()) {
            return Optional.empty();
        }
        ChangeControlConfig c = config.get();
        int before = problems.size();
        if (!Files.isDirectory(c.changes())) {
            problems.add("changeControl.changes: '" + c.changes() + "' " + (Files.exists(c.changes()) ? "is not a directory"
                    : "does not exist") + " (expected: the directory of change records)");
        }
        Map<String, Approver> approvers = new LinkedHashMap<>();
        for (int i = 0; i < c.approvers().size(); i++) {
            ApproverConfig a = c.approvers().get(i);
            try {
                PublicKey key = ApprovalSignatures.readPublicKey(a.publicKey());
                approvers.put(a.id(), new Approver(a.id(), a.role(), key, AuditKeys.keyId(key)));
            } catch (IOException | RuntimeException e) {
                problems.add("changeControl.approvers[" + i + "].publicKey: " + e.getMessage()
                        + (e.getMessage() != null && e.getMessage().contains("expected") ? ""
                        : " (expected: an Ed25519 public key, PEM or JWK)"));
            }
        }
        Map<RiskLevel, ChangeRecord.Required> rules = new EnumMap<>(RiskLevel.class);
        for (ApprovalRuleConfig r : c.require()) {
            rules.put(RiskLevel.of(r.risk()), new ChangeRecord.Required(r.approvals(), r.roles()));
        }
        return problems.size() == before ? Optional.of(new ChangeControl(c.changes(), approvers, rules)) : Optional.empty();
    }
}
