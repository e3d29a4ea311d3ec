package io.portcullis.gateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Whether a TLS private key belongs to the certificate it is served with: a probe signed with the key must verify
 * with the certificate's public key. Without this a mismatched pair loads, the listener starts, and every
 * handshake fails. Keys in a form the JDK does not read directly (PKCS#1, encrypted) are left to the TLS
 * library, which refuses what it cannot use.
 */
final class KeyPairCheck {

    private static final byte[] PROBE = "portcullis key pair check".getBytes(StandardCharsets.US_ASCII);

    private KeyPairCheck() {}

    /** @throws IllegalArgumentException naming both files when the key is not the certificate's */
    static void check(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        PrivateKey key = PemKeys.pkcs8(Files.readString(keyFile, StandardCharsets.US_ASCII));
        if (key == null) {
            return;
        }
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(certFile)) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(PROBE);
        byte[] signature = signer.sign();
        boolean matches;
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(PROBE);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) { // a public key of another type
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("key " + keyFile + " is not the private key of the certificate "
                    + certFile + " (expected: the key the certificate was issued for)");
        }
    }
}
