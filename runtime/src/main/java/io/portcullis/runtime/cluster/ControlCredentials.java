package io.portcullis.runtime.cluster;

import io.portcullis.gateway.tls.PemKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a node (or a tool) proves itself to the control plane and recognizes it: the control plane's CA (PEM; null:
 * the JDK's trust store), a client certificate and its unencrypted PKCS#8 key (both or neither), and a file holding a
 * bearer token (a JWT; null: none). Files are read once, when {@link #sslContext} and {@link #token} are called;
 * every error names the file and what was expected.
 */
public record ControlCredentials(Path ca, Path certificate, Path key, Path tokenFile) {

    private static final char[] NO_PASSWORD = new char[0];

    public ControlCredentials {
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("client certificate and key: only one given (expected: both, or "
                    + "neither with a token)");
        }
    }

    /** No client certificate, no token, the JDK's trust store. */
    public static ControlCredentials none() {
        return new ControlCredentials(null, null, null, null);
    }

    /** The TLS context: the client certificate presented (if any), the CA trusted (or the JDK's). */
    public SSLContext sslContext() {
        try {
            KeyManagerFactory kmf = null;
            if (certificate != null) {
                List<Certificate> chain = certificates(certificate);
                PrivateKey privateKey = PemKeys.pkcs8(Files.readString(key, StandardCharsets.US_ASCII));
                if (privateKey == null) {
                    throw new IllegalArgumentException(key + ": no unencrypted PKCS#8 key (expected: a PEM file with "
                            + "BEGIN PRIVATE KEY)");
                }
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("node", privateKey, NO_PASSWORD, chain.toArray(Certificate[]::new));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, NO_PASSWORD);
            }
            TrustManagerFactory tmf = null;
            if (ca != null) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (Certificate c : certificates(ca)) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the control plane credentials: " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the control plane credentials: " + e.getMessage(), e);
        }
    }

    /** The bearer token, or null without a token file. */
    public String token() {
        if (tokenFile == null) {
            return null;
        }
        try {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(tokenFile + ": " + (token.isEmpty() ? "empty" : "holds whitespace")
                        + " (expected: one token, e.g. a JWT)");
            }
            return token;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token file " + tokenFile + ": " + e, e);
        }
    }

    private static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> out = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (out.isEmpty()) {
                throw new IllegalArgumentException(file + ": no certificate (expected: PEM certificates)");
            }
            return out;
        }
    }
}
