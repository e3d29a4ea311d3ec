package io.portcullis.bench.auth;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.api.JwtConfig;
import io.portcullis.decision.Source;
import io.portcullis.engine.AccessEngine;
import io.portcullis.engine.Snapshot;
import io.portcullis.gateway.auth.Authorization;
import io.portcullis.gateway.auth.RequestAuthorizer;
import io.portcullis.gateway.auth.RequestFacts;
import io.portcullis.identity.jwt.JwtVerifier;
import io.portcullis.runtime.auth.ApiAuthorizer;
import io.portcullis.runtime.auth.Authorizers;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The identity and policy stage of one request as the gateway calls it ({@link ApiAuthorizer#authorize}): a
 * verified-token cache hit, claims binding (groups, account, workload) and a 10-statement resource policy with 3
 * conditions per statement, combined with the authorizer's result. Target: at most 3 µs together. Peer in the
 * same run: {@code networkOnly}, an API without an authorizer (what the gateway does when none is configured).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuthorizerBenchmark {

    private Authorizers authorizers;
    private ApiAuthorizer authorizer;
    private RequestFacts facts;

    @Setup
    public void setUp() throws Exception {
        AuthFixture fixture = new AuthFixture(8443, "http://127.0.0.1:9", "5ms");
        PortcullisConfig config = ConfigLoader.create().load(fixture.config).config().orElseThrow();
        authorizers = new Authorizers();
        Map<JwtConfig, JwtVerifier> verifiers = new HashMap<>();
        List<String> problems = new ArrayList<>();
        authorizer = authorizers.build(config.apis().get(0), 0, verifiers, problems);
        if (authorizer == null) {
            throw new IllegalStateException(problems.toString());
        }
        authorizers.retire(verifiers);
        Snapshot snapshot = AccessEngine.compile(config).snapshot();
        Source source = snapshot.resolve(snapshot.api("bench").orElseThrow(), InetAddress.getByName("127.0.0.1"), "");
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set("Authorization", "Bearer " + fixture.token("client-1", List.of("sg-clients"), Instant.now().plusSeconds(3600), "bench"));
        facts = new RequestFacts("r-1", "bench", null, "GET", "/orders/42", headers, source, null, false, "HTTP/1.1", Instant.now());
        Authorization first = authorizer.authorize(facts);
        if (!first.allowed()) {
            throw new IllegalStateException("the fixture request must be allowed: " + first.decision());
        }
    }

    @TearDown
    public void tearDown() {
        authorizers.close();
    }

    @Benchmark
    public Authorization cachedTokenBindingAndPolicy() {
        return authorizer.authorize(facts);
    }

    @Benchmark
    public Authorization networkOnly() {
        return RequestAuthorizer.NONE.authorize(facts);
    }
}
