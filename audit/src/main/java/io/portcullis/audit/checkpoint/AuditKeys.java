package io.portcullis.audit.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 key files for checkpoint signing, in PEM. The signing-key file holds the PKCS#8 private key and the X.509
 * public key (the JDK cannot derive one from the other); the public-key file holds only the latter and is what
 * auditors are given. Key material is never logged or put in exception messages.
 */
public final class AuditKeys {

    static final String ALGORITHM = "Ed25519";
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private AuditKeys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is built into Java 15+", e);
        }
    }

    /** Writes the signing-key file (owner read/write only where the file system allows). */
    public static void writeSigningKey(Path file, KeyPair pair) throws IOException {
        String text = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    public static void writePublicKey(Path file, PublicKey key) throws IOException {
        Files.writeString(file, pem("PUBLIC KEY", key.getEncoded()), StandardCharsets.US_ASCII);
    }

    /** Reads a signing-key file written by {@link #writeSigningKey}. */
    public static KeyPair readSigningKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] priv = block(text, "PRIVATE KEY", file);
        byte[] pub = block(text, "PUBLIC KEY", file);
        try {
            KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
            return new KeyPair(kf.generatePublic(new X509EncodedKeySpec(pub)), kf.generatePrivate(new PKCS8EncodedKeySpec(priv)));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not an Ed25519 key pair (expected: the output of 'portcullis audit keygen')");
        }
    }

    /** Reads a public key from a file with a PUBLIC KEY block (a signing-key file works too). */
    public static PublicKey readPublicKey(Path file) throws IOException {
        byte[] pub = block(Files.readString(file, StandardCharsets.US_ASCII), "PUBLIC KEY", file);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(pub));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not an Ed25519 public key (expected: PEM 'PUBLIC KEY' with an Ed25519 key)");
        }
    }

    /** The first 8 bytes of SHA-256 over the encoded public key, in hex. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] block(String text, String type, Path file) throws IOException {
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                try {
                    return Base64.getMimeDecoder().decode(m.group(2));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": " + type + " block is not base64");
                }
            }
        }
        throw new IOException(file + ": no '" + type + "' PEM block (expected: -----BEGIN " + type + "-----)");
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
