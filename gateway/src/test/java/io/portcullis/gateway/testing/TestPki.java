package io.portcullis.gateway.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
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
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI made at test time (docs/decisions/0401): a CA, a server certificate for 127.0.0.1/localhost,
 * client certificates with SAN URIs or DNS names, a CRL revoking chosen serials. Files are PEM in a temp dir.
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(100);

    public final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final List<BigInteger> revoked = new ArrayList<>();

    /** A certificate, its key, and where both are written. */
    public record Issued(X509Certificate certificate, PrivateKey key, Path certFile, Path keyFile) {}

    public TestPki(Path dir) throws Exception {
        this.dir = dir;
        caKeys = keys();
        X500Name name = new X500Name("CN=Portcullis Test CA");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), from(), until(), name,
                caKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca = new JcaX509CertificateConverter().getCertificate(b.build(signer()));
        write(dir.resolve("ca.pem"), ca);
    }

    public Path caFile() {
        return dir.resolve("ca.pem");
    }

    public Issued server() throws Exception {
        return issue("server", new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    }

    /** A client certificate naming a SPIFFE id (URI SAN). */
    public Issued clientWithUri(String name, String uri) throws Exception {
        return issue(name, new GeneralName(GeneralName.uniformResourceIdentifier, uri));
    }

    public void revoke(Issued issued) {
        revoked.add(issued.certificate().getSerialNumber());
    }

    /** Writes the CRL of the revoked serials and returns its file. */
    public Path crl() throws Exception {
        Date now = new Date();
        X509v2CRLBuilder b = new X509v2CRLBuilder(new X500Name(ca.getSubjectX500Principal().getName()), now);
        b.setNextUpdate(until());
        for (BigInteger serial : revoked) {
            b.addCRLEntry(serial, now, CRLReason.keyCompromise);
        }
        X509CRL crl = new JcaX509CRLConverter().getCRL(b.build(signer()));
        Path file = dir.resolve("ca.crl.pem");
        write(file, crl);
        return file;
    }

    /** An SSL context presenting {@code client} (or none) and trusting the CA. */
    public SSLContext clientContext(Issued client) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (client != null) {
            keys.setKeyEntry("client", client.key(), new char[0], new java.security.cert.Certificate[] {client.certificate(), ca});
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private Issued issue(String name, GeneralName... sans) throws Exception {
        KeyPair keys = keys();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(), from(), until(),
                new javax.security.auth.x500.X500Principal("CN=" + name), keys.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer()));
        Path certFile = dir.resolve(name + ".pem");
        Path keyFile = dir.resolve(name + ".key");
        write(certFile, cert);
        write(keyFile, new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null));
        return new Issued(cert, keys.getPrivate(), certFile, keyFile);
    }

    private ContentSigner signer() throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
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

    private static void write(Path file, Object pem) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(pem);
        }
        Files.writeString(file, text.toString());
    }
}
