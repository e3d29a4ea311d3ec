package io.portcullis.bench.audit;

import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.checkpoint.AuditKeys;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Layer;
import io.portcullis.decision.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Realistic request records (about 600 bytes serialized) and scratch directories for the audit benchmarks. */
final class BenchRecords {

    private static final Decision ALLOW = Decision.allow(new Reason(Layer.POLICY, "statement-allows"),
            "policy[0] Statement[1] (AllowFromVpc)", "allowed by resource policy");

    private BenchRecords() {}

    /** {@code n} distinct records; the caller builds them on the request path anyway, so they are made up front. */
    static AuditRecord[] pool(int n) {
        AuditRecord[] pool = new AuditRecord[n];
        Instant t0 = Instant.now();
        for (int i = 0; i < n; i++) {
            pool[i] = AuditRecord.builder(t0.plusNanos(i * 1000L), AuditRecord.Kind.REQUEST, ALLOW)
                    .requestId("01J9Z6Q7R8S9T0V1W2X3Y4Z5" + i).api("orders").route("GET /orders/{id}").method("GET")
                    .path("/orders/" + i + "?expand=items").source("10.0.1." + (i % 250), 40000 + i % 20000)
                    .vpc("vpc-0a1b2c3d").vpcEndpoint("vpce-0123456789abcdef0").workload("billing")
                    .securityGroups(List.of("111111111111/sg-api", "111111111111/sg-billing"))
                    .admittedBy("111111111111/sg-api ingress[0]").principal("spiffe://corp.example/ns/billing/sa/api")
                    .token("billing-svc", "https://idp.corp.example").policyStatement("policy[0] Statement[1]")
                    .status(200).bytes(120, 2048).latency(Duration.ofNanos((1234 + i % 1000) * 1000L)).build();
        }
        return pool;
    }

    /** A new temporary directory with a signing key in it. */
    static Path scratch(String name) throws IOException {
        return scratch(Files.createTempDirectory(name));
    }

    /** {@code dir}, created if needed, with a new signing key in it. */
    static Path scratch(Path dir) throws IOException {
        Files.createDirectories(dir);
        AuditKeys.writeSigningKey(dir.resolve("signing.key"), AuditKeys.generate());
        return dir;
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static long bytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
