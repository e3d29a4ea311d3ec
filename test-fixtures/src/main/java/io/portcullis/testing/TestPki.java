package io.portcullis.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI made at test time, so no private key is ever committed (docs/decisions/0401): a CA, a server
 * certificate for {@code localhost} and {@code 127.0.0.1}, client certificates with chosen names, a CRL of the
 * revoked ones, and TLS contexts around them. Keys are EC P-256; certificates are valid from an hour ago for a
 * day. Everything is written as PEM into the folder given ({@code ca.pem}, {@code NAME.pem}, {@code NAME.key},
 * {@code ca.crl.pem}); two PKIs need two folders.
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(100);
    private static final char[] NO_PASSWORD = new char[0];

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final List<BigInteger> revoked = new ArrayList<>();

    /** A certificate, its key, and the PEM files both are written to. */
    public record Issued(X509Certificate certificate, PrivateKey key, Path certFile, Path keyFile) {}

    /** A subject alternative name: a DNS name, an IP address or a URI (e.g. a SPIFFE id). */
    public record San(Kind kind, String value) {

        /** The kinds of name this PKI issues. */
        public enum Kind { DNS, IP, URI }

        public San {
            requireNonNull(kind, "kind");
            requireNonNull(value, "value");
        }

        public static San dns(String name) {
            return new San(Kind.DNS, name);
        }

        public static San ip(String address) {
            return new San(Kind.IP, address);
        }

        public static San uri(String uri) {
            return new San(Kind.URI, uri);
        }

        GeneralName generalName() {
            return switch (kind) {
                case DNS -> new GeneralName(GeneralName.dNSName, value);
                case IP -> new GeneralName(GeneralName.iPAddress, value);
                case URI -> new GeneralName(GeneralName.uniformResourceIdentifier, value);
            };
        }
    }

    /** A new CA ({@code CN=Portcullis Test CA}) whose certificate is written to {@code dir/ca.pem}. */
    public TestPki(Path dir) {
        this.dir = requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
            caKeys = keys();
            X500Name name = new X500Name("CN=Portcullis Test CA");
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), from(), until(), name,
                    caKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca = new JcaX509CertificateConverter().getCertificate(b.build(signer()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the test CA", e);
        }
        write(caFile(), ca);
    }

    /** The folder the PEM files are written to. */
    public Path dir() {
        return dir;
    }

    public X509Certificate caCertificate() {
        return ca;
    }

    /** The CA certificate's PEM file. */
    public Path caFile() {
        return dir.resolve("ca.pem");
    }

    /** A server certificate ({@code CN=server}) for {@code localhost} and {@code 127.0.0.1}. */
    public Issued server() {
        return issue("server", San.dns("localhost"), San.ip("127.0.0.1"));
    }

    /** A certificate with subject {@code CN=name} and these alternative names, in this order. */
    public Issued issue(String name, San... sans) {
        requireNonNull(name, "name");
        KeyPair keys = keys();
        GeneralName[] names = new GeneralName[sans.length];
        for (int i = 0; i < sans.length; i++) {
            names[i] = sans[i].generalName();
        }
        X509Certificate cert;
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(), from(), until(),
                    new X500Principal("CN=" + name), keys.getPublic());
            if (names.length > 0) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            cert = new JcaX509CertificateConverter().getCertificate(b.build(signer()));
        } catch (CertIOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue " + name, e);
        }
        Path certFile = dir.resolve(name + ".pem");
        Path keyFile = dir.resolve(name + ".key");
        write(certFile, cert);
        try {
            write(keyFile, new JcaPKCS8Generator(keys.getPrivate(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Issued(cert, keys.getPrivate(), certFile, keyFile);
    }

    /** A client certificate naming a SPIFFE id (URI SAN). */
    public Issued clientWithUri(String name, String uri) {
        return issue(name, San.uri(uri));
    }

    /** Puts the certificate on the CRL that {@link #crl()} writes. */
    public void revoke(Issued issued) {
        revoked.add(issued.certificate().getSerialNumber());
    }

    /** Writes the CRL of the revoked serials to {@code ca.crl.pem} and returns that file. */
    public Path crl() {
        Date now = new Date();
        X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), now);
        b.setNextUpdate(until());
        for (BigInteger serial : revoked) {
            b.addCRLEntry(serial, now, CRLReason.keyCompromise);
        }
        Path file = dir.resolve("ca.crl.pem");
        try {
            write(file, new JcaX509CRLConverter().getCRL(b.build(signer())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the CRL", e);
        }
        return file;
    }

    /** A TLS context presenting {@code server} and trusting this CA (for client certificates). */
    public SSLContext serverContext(Issued server) {
        return context(requireNonNull(server, "server"));
    }

    /** A TLS context presenting {@code client} (or no certificate when null) and trusting this CA. */
    public SSLContext clientContext(Issued client) {
        return context(client);
    }

    private SSLContext context(Issued presented) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            if (presented != null) {
                keys.setKeyEntry("presented", presented.key(), NO_PASSWORD,
                        new Certificate[] {presented.certificate(), ca});
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, NO_PASSWORD);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context", e);
        }
    }

    private ContentSigner signer() throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC key pairs in this JDK", e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date from() {
        return Date.from(Instant.now().minus(1, ChronoUnit.HOURS));
    }

    private static Date until() {
        return Date.from(Instant.now().plus(1, ChronoUnit.DAYS));
    }

    private static void write(Path file, Object pem) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
