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
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 key files for checkpoint signing, in PEM. The signing-key file holds the PKCS#8 private key, and as
 * {@code portcullis audit keygen} writes it also the X.509 public key; a key in standard PKCS#8 PEM alone (as
 * {@code openssl genpkey -algorithm ed25519} writes it) works too, its public half derived. The public-key file
 * holds only the public key and is what auditors are given. Key material is never logged or put in exception
 * messages.
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
        Files.writeString(file, publicKeyPem(key), StandardCharsets.US_ASCII);
    }

    /** The public key as {@link #writePublicKey} writes it (a PEM {@code PUBLIC KEY} block): what auditors are given. */
    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /**
     * Parses a public key given as text, as {@link #writePublicKey} writes it; {@code where} names its origin in the
     * error message. Text holding a private key is refused (a key sent over a network must be the public half).
     */
    public static PublicKey parsePublicKey(String pem, String where) throws IOException {
        Path origin = Path.of(where);
        if (optionalBlock(pem, "PRIVATE KEY", origin) != null || optionalBlock(pem, "ENCRYPTED PRIVATE KEY", origin) != null) {
            throw new IOException(where + ": holds a private key (expected: only the PUBLIC KEY block, as "
                    + "'portcullis audit keygen' writes PREFIX.pub)");
        }
        return publicKey(pem, origin);
    }

    /**
     * Reads a signing key: the PKCS#8 {@code PRIVATE KEY} block, and the {@code PUBLIC KEY} block when there is one
     * (which must then be the private key's public half); without one the public half is derived.
     */
    public static KeyPair readSigningKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        PrivateKey privateKey = privateKey(text, file);
        PublicKey derived = publicHalf(privateKey, file);
        byte[] pub = optionalBlock(text, "PUBLIC KEY", file);
        if (pub != null && !Arrays.equals(pub, derived.getEncoded())) {
            throw new IOException(file + ": the PUBLIC KEY block is not the public half of the PRIVATE KEY block "
                    + "(expected: one key pair, or the PRIVATE KEY block alone)");
        }
        return new KeyPair(derived, privateKey);
    }

    /**
     * Reads a public key from a file with a {@code PUBLIC KEY} block, or derives it from a signing-key file that has
     * only its {@code PRIVATE KEY} block.
     */
    public static PublicKey readPublicKey(Path file) throws IOException {
        return publicKey(Files.readString(file, StandardCharsets.US_ASCII), file);
    }

    private static PublicKey publicKey(String text, Path file) throws IOException {
        byte[] pub = optionalBlock(text, "PUBLIC KEY", file);
        if (pub == null && optionalBlock(text, "PRIVATE KEY", file) != null) {
            return publicHalf(privateKey(text, file), file);
        }
        if (pub == null) {
            throw new IOException(file + ": no 'PUBLIC KEY' PEM block (expected: -----BEGIN PUBLIC KEY-----)");
        }
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(pub));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not an Ed25519 public key (expected: PEM 'PUBLIC KEY' with an Ed25519 key)");
        }
    }

    private static PrivateKey privateKey(String text, Path file) throws IOException {
        byte[] der = optionalBlock(text, "PRIVATE KEY", file);
        if (der == null) {
            throw new IOException(file + (optionalBlock(text, "ENCRYPTED PRIVATE KEY", file) != null
                    ? ": the private key is encrypted (expected: an unencrypted PKCS#8 key; 'openssl pkey -in KEY -out "
                            + "PLAIN' decrypts one)"
                    : ": no 'PRIVATE KEY' PEM block (expected: -----BEGIN PRIVATE KEY-----)"));
        }
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": not an Ed25519 private key (expected: PKCS#8 PEM from 'portcullis audit "
                    + "keygen' or 'openssl genpkey -algorithm ed25519')");
        }
    }

    /**
     * The public key of {@code key}. The JDK has no call for it, but its Ed25519 key-pair generator derives the
     * public key from the 32 private bytes it draws from its random source (RFC 8032 section 5.1.5): fed those
     * bytes, it yields this key's pair. The result is checked, so a generator that drew otherwise fails loudly.
     */
    private static PublicKey publicHalf(PrivateKey key, Path file) throws IOException {
        byte[] seed = key instanceof EdECPrivateKey ed ? ed.getBytes().orElse(null) : null;
        if (seed == null) {
            throw new IOException(file + ": the private key's bytes cannot be read (expected: an Ed25519 PKCS#8 key)");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] drawn = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElse(new byte[0]);
            if (!MessageDigest.isEqual(drawn, seed)) {
                throw new IllegalStateException("the Ed25519 generator did not take the given private bytes");
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is built into Java 15+", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** A random source that returns given bytes once: how {@link #publicHalf} hands the generator its key. */
    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;
        private boolean used;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (used || out.length != bytes.length) {
                throw new IllegalStateException("the Ed25519 generator asked for " + out.length + " bytes (expected: "
                        + bytes.length + ", once)");
            }
            used = true;
            System.arraycopy(bytes, 0, out, 0, out.length);
            Arrays.fill(bytes, (byte) 0);
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

    /** The DER bytes of the first PEM block of {@code type}, or null when there is none. */
    private static byte[] optionalBlock(String text, String type, Path file) throws IOException {
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
        return null;
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
