package io.portcullis.gateway.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.portcullis.settings.ClientAuth;
import io.portcullis.settings.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds server TLS contexts: BoringSSL through netty-tcnative when {@link OpenSsl#isAvailable()}, the JDK
 * otherwise; TLS 1.3 and 1.2 only; ALPN offering h2 and http/1.1; for mTLS a PKIX trust manager over the client
 * CA bundle, with revocation checked against the CRL file when one is configured. Built when settings are
 * compiled (start and reload), never per connection.
 */
public final class TlsContexts {

    private TlsContexts() {}

    /** The provider in use: {@code OPENSSL} when BoringSSL loaded, else {@code JDK}. */
    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * Builds the context.
     *
     * @throws IllegalArgumentException naming the file that could not be used
     */
    public static SslContext server(TlsSettings tls) {
        return server(tls, provider());
    }

    /** As {@link #server(TlsSettings)} with an explicit provider (tests run both). */
    public static SslContext server(TlsSettings tls, SslProvider provider) {
        return server(tls, provider, ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);
    }

    /**
     * As {@link #server(TlsSettings)}, offering only {@code protocols} by ALPN (a listener that speaks HTTP/1.1 alone,
     * like the control plane's, offers just {@code http/1.1} so that clients do not choose HTTP/2).
     */
    public static SslContext server(TlsSettings tls, SslProvider provider, String... protocols) {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(tls.cert().toFile(), tls.key().toFile())
                    .sslProvider(provider)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .ciphers(null, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            protocols));
            if (tls.clientAuth() != ClientAuth.NONE) {
                builder.trustManager(trustManager(tls)).clientAuth(tls.clientAuth() == ClientAuth.REQUIRED
                        ? io.netty.handler.ssl.ClientAuth.REQUIRE : io.netty.handler.ssl.ClientAuth.OPTIONAL);
            }
            SslContext context = builder.build();
            KeyPairCheck.check(tls.cert(), tls.key());
            return context;
        } catch (IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("tls: cannot build a server context from cert " + tls.cert()
                    + " and key " + tls.key() + ": " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustManager(TlsSettings tls) throws IOException, java.security.GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        Collection<? extends java.security.cert.Certificate> cas;
        try (InputStream in = Files.newInputStream(tls.clientCa().orElseThrow())) {
            cas = factory.generateCertificates(in);
        }
        if (cas.isEmpty()) {
            throw new IllegalArgumentException("clientCa " + tls.clientCa().get() + " holds no certificate");
        }
        int i = 0;
        for (java.security.cert.Certificate ca : cas) {
            anchors.setCertificateEntry("ca-" + i++, ca);
        }
        PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, new X509CertSelector());
        if (tls.crl().isPresent()) {
            Collection<? extends java.security.cert.CRL> crls;
            try (InputStream in = Files.newInputStream(tls.crl().get())) {
                crls = factory.generateCRLs(in);
            }
            for (java.security.cert.CRL crl : crls) {
                if (!(crl instanceof X509CRL)) {
                    throw new IllegalArgumentException("crl " + tls.crl().get() + " holds a non-X.509 CRL");
                }
            }
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            params.setRevocationEnabled(true);
            // Only the CRL file: no OCSP or CRL download from the data plane.
            java.security.cert.PKIXRevocationChecker checker = (java.security.cert.PKIXRevocationChecker)
                    java.security.cert.CertPathValidator.getInstance("PKIX").getRevocationChecker();
            checker.setOptions(java.util.EnumSet.of(java.security.cert.PKIXRevocationChecker.Option.PREFER_CRLS,
                    java.security.cert.PKIXRevocationChecker.Option.NO_FALLBACK));
            params.addCertPathChecker(checker);
        } else {
            params.setRevocationEnabled(false);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(new CertPathTrustManagerParameters(params));
        return tmf;
    }

    /**
     * The identity of a client certificate chain as the API's TLS listener would accept it: verified against its
     * {@code clientCa} and CRL by the same trust manager (at the current time).
     *
     * @throws IllegalArgumentException with the reason the handshake would fail (no client CA, untrusted,
     *         revoked, expired)
     */
    public static ClientIdentity verifiedClient(TlsSettings tls, List<X509Certificate> chain) {
        if (tls.clientCa().isEmpty()) {
            throw new IllegalArgumentException("the API asks for no client certificate (no tls.clientCa)");
        }
        try {
            for (javax.net.ssl.TrustManager tm : trustManager(tls).getTrustManagers()) {
                if (tm instanceof javax.net.ssl.X509TrustManager x509) {
                    x509.checkClientTrusted(chain.toArray(X509Certificate[]::new),
                            chain.get(0).getPublicKey().getAlgorithm());
                    return identity(chain.get(0));
                }
            }
            throw new IllegalStateException("no X.509 trust manager");
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("the certificate is not accepted: " + e.getMessage(), e);
        }
    }

    /** The SAN URIs and DNS names of a verified client certificate. */
    public static ClientIdentity identity(X509Certificate certificate) {
        List<String> uris = new java.util.ArrayList<>();
        List<String> dns = new java.util.ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 6) {
                        uris.add((String) san.get(1));
                    } else if (type == 2) {
                        dns.add((String) san.get(1));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new IllegalArgumentException("client certificate SAN cannot be parsed", e);
        }
        return new ClientIdentity(uris, dns, certificate.getSubjectX500Principal().getName());
    }
}
