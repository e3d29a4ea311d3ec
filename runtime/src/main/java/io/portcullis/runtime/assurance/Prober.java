package io.portcullis.runtime.assurance;

import static java.util.Objects.requireNonNull;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.Api;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.gateway.probe.ProbeMarks;
import io.portcullis.settings.ClientAuth;
import io.portcullis.settings.ProxyProtocol;
import io.portcullis.settings.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Plays one cell of the {@link IsolationMatrix} against a running gateway with a real connection: from the
 * position's own address when the machine has it (a bound source such as {@code 127.0.1.11} on loopback), or,
 * when the API reads PROXY headers, from one of its trusted proxies with a PROXY v2 header naming the position's
 * address and, for a VPC endpoint, the endpoint (TLV 0xEA), the way an AWS NLB arrives. The request is
 * {@code GET} of the reserved probe path with a token signed for that API and source, so the gateway records it
 * as a probe and answers it itself. At a TLS listener the probe speaks TLS after the PROXY header (if any), trusting
 * exactly the certificate the API's configuration names; a listener that requires a client certificate is not
 * played (a probe holds no tenant's certificate, and a failed handshake would read as the guard's refusal).
 */
public final class Prober {

    private final PortcullisConfig config;
    private final ProbeKey key;
    private final Duration timeout;
    /** Per API and certificate file: a client trusting exactly that listener's certificates. */
    private final Map<String, SSLSocketFactory> pinned = new ConcurrentHashMap<>();

    public Prober(PortcullisConfig config, ProbeKey key, Duration timeout) {
        this.config = requireNonNull(config, "config");
        this.key = requireNonNull(key, "key");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    /** Plays {@code cell}; never throws for what the network does. */
    public Observation play(IsolationMatrix.Cell cell) {
        IsolationMatrix.Position p = cell.position();
        if (p.address() == null) {
            return new Observation(Observation.NOT_PLAYED, p.played());
        }
        Api api = IsolationMatrix.configApi(config, cell.api().api());
        Optional<TlsSettings> tls = api.serving().tls();
        if (tls.isPresent() && tls.get().clientAuth() == ClientAuth.REQUIRED) {
            // Not played rather than misread: without a client certificate the handshake fails as a guard's close
            // would. A probe plays a network position, not an identity, so it holds no tenant's certificate.
            return new Observation(Observation.NOT_PLAYED, "API " + api.name() + " requires a client certificate");
        }
        SSLSocketFactory tlsFactory = null;
        if (tls.isPresent()) {
            try {
                tlsFactory = pinned(api.name(), tls.get().cert());
            } catch (IOException | GeneralSecurityException e) {
                return new Observation(Observation.NOT_PLAYED, "cannot read API " + api.name() + "'s certificate "
                        + tls.get().cert() + ": " + e.getMessage());
            }
        }
        ProxyProtocol mode = api.serving().proxyProtocol();
        boolean viaProxy = mode == ProxyProtocol.REQUIRED || !p.vpcEndpoint().isEmpty();
        if (viaProxy && (mode == ProxyProtocol.OFF || api.serving().trustedProxies().isEmpty())) {
            return new Observation(Observation.NOT_PLAYED, "API " + api.name()
                    + " reads no PROXY header, so a caller through a VPC endpoint cannot arrive there");
        }
        InetAddress source = new IPAddressString(p.address()).getAddress().toInetAddress();
        InetAddress bind = viaProxy ? proxyAddress(api) : source;
        try (Socket socket = new Socket()) {
            try {
                socket.bind(new InetSocketAddress(bind, 0));
            } catch (BindException e) {
                return new Observation(Observation.NOT_PLAYED, "this machine does not have " + bind.getHostAddress());
            }
            socket.setSoTimeout((int) timeout.toMillis());
            InetSocketAddress target = new InetSocketAddress(cell.api().host(), cell.api().port());
            try {
                socket.connect(target, (int) timeout.toMillis());
            } catch (IOException e) {
                return new Observation(Observation.FAILED, target + ": " + e.getClass().getSimpleName());
            }
            OutputStream out = socket.getOutputStream();
            if (viaProxy) {
                out.write(ProxyV2.header(source, 40_000 + (int) (System.nanoTime() & 0x3FFF), target.getAddress(),
                        target.getPort(), p.vpcEndpoint()));
                out.flush();
            }
            InputStream in = socket.getInputStream();
            if (tlsFactory != null) {
                // TLS after the PROXY header, as an NLB passes it on. A guard that refuses the position closes
                // the connection before the handshake ends: an IOException, read as closed below.
                SSLSocket ssl = (SSLSocket) tlsFactory.createSocket(socket, cell.api().host(), cell.api().port(), true);
                ssl.startHandshake();
                out = ssl.getOutputStream();
                in = ssl.getInputStream();
            }
            out.write(("GET " + ProbeMarks.PATH + " HTTP/1.1\r\nHost: " + cell.api().host() + ":" + cell.api().port()
                    + "\r\n" + ProbeMarks.HEADER + ": " + key.token(api.name(), source)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new Observation(status(in), "");
        } catch (SocketTimeoutException e) {
            return new Observation(Observation.FAILED, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            // A reset instead of a close is the guard refusing too (closed before any HTTP byte was read).
            return new Observation(Observation.CLOSED, "");
        }
    }

    /**
     * A client that trusts exactly the certificates the API's {@code tls.cert} file holds (the prober reads the same
     * configuration the gateway serves): it talks to that listener and to nothing else, whatever a CA would sign.
     * Made once per API and file.
     */
    private SSLSocketFactory pinned(String api, Path certFile) throws IOException, GeneralSecurityException {
        String key = api + "\n" + certFile;
        SSLSocketFactory f = pinned.get(key);
        if (f != null) {
            return f;
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        try (InputStream pem = Files.newInputStream(certFile)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trust.setCertificateEntry("pinned-" + i++, c);
            }
        }
        if (i == 0) {
            throw new GeneralSecurityException("no certificate in the file");
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        f = context.getSocketFactory();
        pinned.put(key, f);
        return f;
    }

    /** The status of the response's first line, or {@link Observation#CLOSED} when none came. */
    private static int status(InputStream in) throws IOException {
        byte[] line = new byte[64];
        int n = 0;
        int c;
        while (n < line.length && (c = in.read()) >= 0 && c != '\n') {
            line[n++] = (byte) c;
        }
        String text = new String(line, 0, n, StandardCharsets.US_ASCII);
        if (!text.startsWith("HTTP/1.") || text.length() < 12) {
            return Observation.CLOSED;
        }
        try {
            return Integer.parseInt(text.substring(9, 12));
        } catch (NumberFormatException e) {
            return Observation.CLOSED;
        }
    }

    /** An address of the API's first trusted-proxy range: itself for a single address, else its first host. */
    private static InetAddress proxyAddress(Api api) {
        IPAddress range = new IPAddressString(api.serving().trustedProxies().get(0)).getAddress();
        IPAddress block = range.toPrefixBlock();
        IPAddress first = block.getLower().withoutPrefixLength();
        if (block.getCount().compareTo(java.math.BigInteger.ONE) > 0) {
            first = first.increment(1);
        }
        return first.toInetAddress();
    }
}
