package io.portcullis.runtime.assurance;

import static java.util.Objects.requireNonNull;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.portcullis.config.Api;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.gateway.probe.ProbeMarks;
import io.portcullis.settings.ProxyProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plays one cell of the {@link IsolationMatrix} against a running gateway with a real connection: from the
 * position's own address when the machine has it (a bound source such as {@code 127.0.1.11} on loopback), or,
 * when the API reads PROXY headers, from one of its trusted proxies with a PROXY v2 header naming the position's
 * address and, for a VPC endpoint, the endpoint (TLV 0xEA), the way an AWS NLB arrives. The request is
 * {@code GET} of the reserved probe path with a token signed for that API and source, so the gateway records it
 * as a probe and answers it itself.
 */
public final class Prober {

    private final PortcullisConfig config;
    private final ProbeKey key;
    private final Duration timeout;

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
        if (api.serving().tls().isPresent()) {
            // Not played rather than misread: a cleartext probe at a TLS listener would look like a refusal.
            return new Observation(Observation.NOT_PLAYED, "API " + api.name() + " serves TLS; the prober speaks "
                    + "cleartext HTTP/1.1 only");
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
            }
            out.write(("GET " + ProbeMarks.PATH + " HTTP/1.1\r\nHost: " + cell.api().host() + ":" + cell.api().port()
                    + "\r\n" + ProbeMarks.HEADER + ": " + key.token(api.name(), source)
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new Observation(status(socket.getInputStream()), "");
        } catch (SocketTimeoutException e) {
            return new Observation(Observation.FAILED, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            // A reset instead of a close is the guard refusing too (closed before any HTTP byte was read).
            return new Observation(Observation.CLOSED, "");
        }
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
