package io.portcullis.config.node;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * {@code changeControl.approvers[]}: a person (or team key) who may approve changes to the plan, the role they
 * approve as ({@code security}, {@code platform}, ...) and the file of their Ed25519 public key (a PEM
 * {@code PUBLIC KEY} block or an OKP JWK). Only public keys belong here: the file's bytes count in the plan digest.
 */
public record ApproverConfig(String id, String role, Path publicKey) {
    public ApproverConfig {
        requireNonNull(id, "id");
        requireNonNull(role, "role");
        requireNonNull(publicKey, "publicKey");
    }
}
