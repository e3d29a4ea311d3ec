package io.portcullis.bench.auth;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.decision.Decision;
import io.portcullis.decision.Source;
import io.portcullis.engine.Snapshot;
import io.portcullis.gateway.http.RequestChain;
import io.portcullis.gateway.http.RequestHead;
import io.portcullis.runtime.plan.Compilation;
import io.portcullis.runtime.plan.Plan;
import io.portcullis.runtime.plan.PlanCompiler;
import io.portcullis.runtime.shadow.Shadow;
import io.portcullis.runtime.shadow.ShadowPlan;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 * What shadow mode adds to one request on the event loop ({@link Shadow#request}, called by the gateway after the
 * live decision): the candidate's network decision, its request chain (route, cached ES256 token, claims bound to
 * groups, account and workload, 10-statement resource policy, body size, rate limits on full buckets), the
 * comparison and the counters. {@code shadowAgrees}: a candidate equal to the live plan; {@code shadowDiffers}: a
 * candidate whose policy denies what the live plan allows (every request a counted difference, one sample a
 * second explained on the sampler thread). Peer in the same run: {@code liveChecks}, the same request chain on
 * the live plan, the per-request checks the gateway runs anyway.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ShadowBenchmark {

    private PlanCompiler liveCompiler;
    private PlanCompiler candidateCompiler;
    private Shadow agreeing;
    private Shadow differing;
    private RequestChain live;
    private RequestHead head;
    private Source source;
    private Decision liveDecision;
    private Instant now;

    @Setup
    public void setUp() throws Exception {
        AuthFixture fixture = new AuthFixture(8443, "http://127.0.0.1:9", "5ms");
        Path other = fixture.dir.resolve("candidate.yaml");
        Files.writeString(other, Files.readString(fixture.config).replace("\"sg-c*\"", "\"sg-x*\""));
        liveCompiler = PlanCompiler.create();
        candidateCompiler = PlanCompiler.create();
        Plan plan = compile(liveCompiler, fixture.config);
        live = new RequestChain(plan.api("bench").orElseThrow());
        agreeing = new Shadow(() -> plan, List.of(), new SimpleMeterRegistry(), Clock.systemUTC());
        agreeing.use(ShadowPlan.of(compile(candidateCompiler, fixture.config)));
        differing = new Shadow(() -> plan, List.of(), new SimpleMeterRegistry(), Clock.systemUTC());
        differing.use(ShadowPlan.of(compile(candidateCompiler, other)));
        Snapshot snapshot = plan.engine().snapshot();
        source = snapshot.resolve(snapshot.api("bench").orElseThrow(), InetAddress.getByName("127.0.0.1"), "");
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set("Authorization", "Bearer " + fixture.token("client-1", List.of("sg-clients"),
                Instant.now().plusSeconds(3600), "bench"));
        head = RequestHead.described("GET", "/orders/42", "HTTP/1.1", headers);
        now = Instant.now();
        liveDecision = liveChecks();
        if (!liveDecision.allowed()) {
            throw new IllegalStateException("the fixture request must be allowed: " + liveDecision);
        }
    }

    private static Plan compile(PlanCompiler compiler, Path config) {
        Compilation c = compiler.compile(List.of(config));
        Plan p = c.plan().orElseThrow(() -> new IllegalStateException(c.errorLines().toString()));
        compiler.adopt(p);
        return p;
    }

    @TearDown
    public void tearDown() {
        agreeing.close();
        differing.close();
        liveCompiler.close();
        candidateCompiler.close();
    }

    @Benchmark
    public Decision liveChecks() {
        return live.decision(head, source, null, false, now);
    }

    @Benchmark
    public void shadowAgrees() {
        agreeing.request("bench", head, source, null, false, now, liveDecision);
    }

    @Benchmark
    public void shadowDiffers() {
        differing.request("bench", head, source, null, false, now, liveDecision);
    }
}
