package io.portcullis.cli.corpus;

import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.runtime.demo.DemoConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the two configurations the corpus mutates, each servable by {@code run} as written: {@code
 * examples/trading} and the demo's configuration ({@link DemoConfig}, as {@code portcullis demo} writes it).
 *
 * <p>Every listen port becomes a free port. The trading copy gets what serving needs and the example leaves out,
 * so that every section and every file a node reads is present for the mutations to break: an upstream for
 * {@code analytics} (the example has none, which {@code run} refuses; mutation {@code srv-01} keeps that), TLS
 * with client certificates and a CRL on {@code analytics}, and {@code node.yaml} with every node section. Both
 * bases also get the support files a mutation may point at: the test PKI under {@code keys/tls/}, an audit
 * signing key, a webhook secret and a threat feed.
 */
final class BaseConfigs {

    static final List<String> PKI = List.of("ca.pem", "ca.crl.pem", "server.pem", "server.key", "other.key",
            "server-encrypted.key");
    /** One audit key pair for every base: only whether the file holds a pair matters here. */
    private static final java.security.KeyPair AUDIT_KEYS = AuditKeys.generate();
    static final String FEED = "# the corpus's threat feed: documentation addresses only\n203.0.113.0/24\n198.51.100.0/24\n";

    private BaseConfigs() {}

    static ConfigDir write(Mutation.Base base, Path dir) throws IOException {
        Files.createDirectories(dir);
        ConfigDir config = switch (base) {
            case TRADING -> trading(dir);
            case DEMO -> demo(dir);
        };
        supportFiles(config);
        return config;
    }

    private static ConfigDir trading(Path dir) throws IOException {
        Path example = examples().resolve("trading");
        try (Stream<Path> files = Files.walk(example)) {
            for (Path from : files.toList()) {
                Path to = dir.resolve(example.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        ConfigDir c = new ConfigDir(dir, "node.yaml");
        int[] p = FreePorts.take(4);
        c.port("orders", p[0]);
        c.port("analytics", p[1]);
        c.port("admin", p[2]);
        c.port("spare", p[3]);
        // The rules name the ports the APIs listen on; they move with them.
        for (String file : List.of("apis.yaml", "groups.yaml")) {
            c.write(file, c.text(file).replace("8443-8444", p[0] + "-" + (p[0] + 1)).replace("8443", Integer.toString(p[0]))
                    .replace("9443", Integer.toString(p[1])));
        }
        c.write("apis.yaml", c.text("apis.yaml")
                + "    # Added by the corpus: TLS with client certificates.\n"
                + "    tls: {cert: keys/tls/server.pem, key: keys/tls/server.key, clientCa: keys/tls/ca.pem, crl: keys/tls/ca.crl.pem}\n");
        c.write("node.yaml", """
                # Added by the corpus: every node section, so that each can be broken.
                admin: {listen: "127.0.0.1:%d"}
                audit:
                  dir: audit
                  signingKey: keys/audit.key
                  checkpointInterval: 10s
                  fsyncInterval: 10ms
                  retention: {maxAge: 30d, maxBytes: 1GiB}
                  onFailure: fail-closed
                accessLog: {path: logs/access.log}
                alerts:
                  webhook: {url: "http://127.0.0.1:9/alerts", secretFile: keys/webhook-secret, attempts: 3, initialBackoff: 500ms, maxBackoff: 30s, timeout: 5s}
                  rules:
                    - {name: denials, type: denials-per-source, threshold: 100, window: 1m, cooldown: 5m}
                    # feed-failure fires on every failure; the loader still asks for a threshold (any positive count).
                    - {name: feed-down, type: feed-failure, threshold: 1}
                threatFeeds:
                  - {name: drop, file: feeds/drop.txt, format: plain, refresh: 1h}
                autoBlock: {key: address, failures: 10, window: 1m, cooldown: 15m}
                """.formatted(p[2]));
        return c;
    }

    private static ConfigDir demo(Path dir) {
        int[] p = FreePorts.take(5);
        DemoConfig.write(dir, p[0], p[1], p[2], URI.create("http://127.0.0.1:" + p[3]));
        ConfigDir c = new ConfigDir(dir, "demo.yaml");
        c.port("orders", p[0]);
        c.port("ledger", p[1]);
        c.port("payments", p[2]);
        c.port("upstream", p[3]);
        c.port("admin", p[4]);
        return c;
    }

    private static void supportFiles(ConfigDir c) throws IOException {
        for (String name : PKI) {
            try (InputStream in = BaseConfigs.class.getResourceAsStream("pki/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("test resource pki/" + name + " missing");
                }
                c.write("keys/tls/" + name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
        AuditKeys.writeSigningKey(c.file("keys/audit.key"), AUDIT_KEYS);
        AuditKeys.writePublicKey(c.file("keys/audit.pub"), AUDIT_KEYS.getPublic());
        c.write("keys/webhook-secret", "corpus-webhook-hmac-secret\n");
        c.write("feeds/drop.txt", FEED);
        Files.createDirectories(c.file("logs"));
    }

    /** The repository's examples directory, from the module directory (Maven) or the repository root. */
    static Path examples() {
        for (Path p : List.of(Path.of("../examples"), Path.of("examples"))) {
            if (Files.isDirectory(p.resolve("trading"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new UncheckedIOException(new IOException("examples/trading not found from " + Path.of("").toAbsolutePath()));
    }
}
