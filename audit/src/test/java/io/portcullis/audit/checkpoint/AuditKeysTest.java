package io.portcullis.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.TestLogs;
import io.portcullis.audit.verify.AuditVerifier;
import io.portcullis.audit.verify.VerificationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing-key files: the two-block file {@code audit keygen} writes, and a standard PKCS#8 Ed25519 key alone (as
 * {@code openssl genpkey -algorithm ed25519} writes it), whose public half is derived.
 */
class AuditKeysTest {

    /** What openssl writes before the 32 private bytes: SEQUENCE, version 0, AlgorithmIdentifier Ed25519, OCTET STRING. */
    private static final String OPENSSL_PKCS8_PREFIX = "302e020100300506032b657004220420";

    @TempDir
    Path dir;

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @Test
    void aPkcs8PrivateKeyAloneSignsALogThatVerifiesWithItsPublicHalf() throws Exception {
        KeyPair pair = ed25519();
        byte[] der = pair.getPrivate().getEncoded();
        assertThat(HexFormat.of().formatHex(der)).startsWith(OPENSSL_PKCS8_PREFIX).hasSize(2 * 48);
        Path key = Files.writeString(dir.resolve("ed25519.pem"), pem("PRIVATE KEY", der));

        KeyPair read = AuditKeys.readSigningKey(key);
        assertThat(read.getPublic().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(AuditKeys.readPublicKey(key).getEncoded()).isEqualTo(pair.getPublic().getEncoded());

        Path log = dir.resolve("log");
        TestLogs.write(TestLogs.settings(log, key).build(), 0, 25);
        VerificationResult result = AuditVerifier.verify(log, pair.getPublic());
        assertThat(result.findings()).isEmpty();
        assertThat(result.records()).isEqualTo(25);
        assertThat(result.keyId()).isEqualTo(AuditKeys.keyId(pair.getPublic()));
    }

    @Test
    void derivesThePublicKeyOpensslDerives() throws Exception {
        Assumptions.assumeTrue(openssl("version") == 0, "openssl is not installed");
        Path key = dir.resolve("openssl.pem");
        Path pub = dir.resolve("openssl.pub");
        assertThat(openssl("genpkey", "-algorithm", "ed25519", "-out", key.toString())).isZero();
        assertThat(openssl("pkey", "-in", key.toString(), "-pubout", "-out", pub.toString())).isZero();

        assertThat(AuditKeys.readSigningKey(key).getPublic().getEncoded())
                .isEqualTo(AuditKeys.readPublicKey(pub).getEncoded());
    }

    @Test
    void refusesAPublicBlockThatIsNotThePrivateKeysHalf() throws Exception {
        Path key = Files.writeString(dir.resolve("mixed.key"),
                pem("PRIVATE KEY", ed25519().getPrivate().getEncoded()) + pem("PUBLIC KEY", ed25519().getPublic().getEncoded()));

        assertThatThrownBy(() -> AuditKeys.readSigningKey(key)).isInstanceOf(IOException.class).hasMessage(key
                + ": the PUBLIC KEY block is not the public half of the PRIVATE KEY block (expected: one key pair, or "
                + "the PRIVATE KEY block alone)");
    }

    @Test
    void refusesAnRsaKeyAndAnEncryptedKeyAndSaysWhy() throws Exception {
        Path rsa = Files.writeString(dir.resolve("rsa.pem"),
                pem("PRIVATE KEY", KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded()));
        Path encrypted = Files.writeString(dir.resolve("enc.pem"), pem("ENCRYPTED PRIVATE KEY", new byte[] {48, 0}));

        assertThatThrownBy(() -> AuditKeys.readSigningKey(rsa)).hasMessage(rsa + ": not an Ed25519 private key "
                + "(expected: PKCS#8 PEM from 'portcullis audit keygen' or 'openssl genpkey -algorithm ed25519')");
        assertThatThrownBy(() -> AuditKeys.readSigningKey(encrypted)).hasMessage(encrypted + ": the private key is "
                + "encrypted (expected: an unencrypted PKCS#8 key; 'openssl pkey -in KEY -out PLAIN' decrypts one)");
    }

    @Test
    void keygensTwoBlockFileStillReadsAsTheSamePair() throws Exception {
        Path key = dir.resolve("audit.key");
        KeyPair written = TestLogs.signingKey(key);

        KeyPair read = AuditKeys.readSigningKey(key);
        assertThat(read.getPublic().getEncoded()).isEqualTo(written.getPublic().getEncoded());
        assertThat(read.getPrivate().getEncoded()).isEqualTo(written.getPrivate().getEncoded());
        assertThat(Files.readString(key, StandardCharsets.US_ASCII)).contains("BEGIN PRIVATE KEY").contains("BEGIN PUBLIC KEY");
    }

    private int openssl(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("openssl.out").toFile()).start();
        } catch (IOException e) {
            return -1; // not installed
        }
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
