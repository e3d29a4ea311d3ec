package io.portcullis.runtime.change;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.checkpoint.AuditKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 approvals (the JDK's {@code Ed25519}): what is signed, signing and verifying, and reading approvers'
 * keys. The signed bytes are
 *
 * <pre>portcullis change approval v1\n&lt;record digest&gt;\n&lt;approver id&gt;\n</pre>
 *
 * so a signature binds the approver's id to exactly one record. Keys are PEM ({@code PUBLIC KEY}; a signing key
 * as {@code PRIVATE KEY}, PKCS#8, as {@code openssl genpkey -algorithm ed25519} writes it) or an OKP JWK
 * ({@code {"kty":"OKP","crv":"Ed25519","x":...}}, with {@code d} for a signing key). Key material is never put in
 * a message.
 */
public final class ApprovalSignatures {

    /** The DER prefixes of an Ed25519 X.509 public key and PKCS#8 private key (RFC 8410), before the 32 key bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private ApprovalSignatures() {}

    public static byte[] message(String recordDigest, String approver) {
        return ("portcullis change approval v1\n" + recordDigest + "\n" + approver + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code approver}'s approval of {@code record}. */
    public static Approval sign(ChangeRecord record, String approver, KeyPair key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.getPrivate());
            String digest = record.digest();
            s.update(message(digest, approver));
            return new Approval(approver, digest, AuditKeys.keyId(key.getPublic()), HexFormat.of().formatHex(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getClass().getSimpleName()
                    + " (expected: an Ed25519 signing key)");
        }
    }

    /** Whether {@code approval}'s signature is {@code approver}'s over {@code recordDigest}, with {@code key}. */
    public static boolean verifies(Approval approval, String recordDigest, PublicKey key) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message(recordDigest, approval.approver()));
            return s.verify(HexFormat.of().parseHex(approval.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** An approver's public key: PEM {@code PUBLIC KEY} or an OKP JWK without {@code d}; a private key is refused. */
    public static PublicKey readPublicKey(Path file) throws IOException {
        String text = Files.readString(file);
        if (text.stripLeading().startsWith("{")) {
            JsonNode jwk = jwk(text, file);
            if (jwk.has("d")) {
                throw new IOException(file + ": holds a private key (expected: only the public key; keep the "
                        + "private one with its approver)");
            }
            return publicKey(bytes(jwk, "x", file), file);
        }
        if (text.contains("PRIVATE KEY")) {
            throw new IOException(file + ": holds a private key (expected: only the public key, 'openssl pkey -in KEY "
                    + "-pubout'; keep the private one with its approver)");
        }
        return AuditKeys.readPublicKey(file);
    }

    /** A signing key and its public half: PEM PKCS#8 {@code PRIVATE KEY} or an OKP JWK with {@code d}. */
    public static KeyPair readSigningKey(Path file) throws IOException {
        String text = Files.readString(file);
        if (!text.stripLeading().startsWith("{")) {
            return AuditKeys.readSigningKey(file);
        }
        JsonNode jwk = jwk(text, file);
        if (!jwk.has("d")) {
            throw new IOException(file + ": a public key (expected: the approver's private key, a JWK with \"d\")");
        }
        try {
            PrivateKey priv = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
                    concat(PKCS8_PREFIX, bytes(jwk, "d", file))));
            return new KeyPair(publicKey(bytes(jwk, "x", file), file), priv);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not an Ed25519 private key (expected: an OKP JWK with crv Ed25519)");
        }
    }

    private static JsonNode jwk(String text, Path file) throws IOException {
        JsonNode jwk;
        try {
            jwk = Canonical.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IOException(file + ": not JSON (expected: a PEM key or an OKP JWK)");
        }
        if (!"OKP".equals(jwk.path("kty").asText()) || !"Ed25519".equals(jwk.path("crv").asText())) {
            throw new IOException(file + ": kty " + jwk.path("kty") + ", crv " + jwk.path("crv")
                    + " (expected: an OKP JWK with crv Ed25519)");
        }
        return jwk;
    }

    private static byte[] bytes(JsonNode jwk, String field, Path file) throws IOException {
        try {
            byte[] b = Base64.getUrlDecoder().decode(jwk.path(field).asText());
            if (b.length == 32) {
                return b;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IOException(file + ": \"" + field + "\" is not 32 bytes of base64url (expected: an Ed25519 JWK)");
    }

    private static PublicKey publicKey(byte[] x, Path file) throws IOException {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, x)));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not an Ed25519 public key (expected: an OKP JWK with crv Ed25519)");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
