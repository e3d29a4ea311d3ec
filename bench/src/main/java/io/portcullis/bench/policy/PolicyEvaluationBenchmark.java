package io.portcullis.bench.policy;

import io.portcullis.decision.Decision;
import io.portcullis.policy.ApiBinding;
import io.portcullis.policy.ContextValue;
import io.portcullis.policy.PolicyParser;
import io.portcullis.policy.PolicyResult;
import io.portcullis.policy.PolicySet;
import io.portcullis.policy.Principal;
import io.portcullis.policy.RequestContext;
import io.portcullis.policy.SimpleRequestContext;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Deciding one request against a resource policy of N statements with 3 conditions each. Every Deny statement
 * matches principal, action and resource and evaluates all three conditions (the third is false), so the whole
 * policy is scanned before the final Allow applies: the worst case for the fast path.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar PolicyEvaluation -bm sample -tu ns -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyEvaluationBenchmark {

    private static final String API = "arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5";

    private PolicySet ten;
    private PolicySet thousand;
    private RequestContext request;

    @Setup
    public void setUp() {
        ApiBinding api = ApiBinding.fromArn(API + "/prod/GET/pets");
        ten = PolicySet.compile(List.of(PolicyParser.parse(policy(10)).orThrow()), api);
        thousand = PolicySet.compile(List.of(PolicyParser.parse(policy(1000)).orThrow()), api);
        request = SimpleRequestContext.builder(Principal.aws("arn:aws:iam::111111111111:role/app"), "execute-api:Invoke",
                        API + "/prod/GET/pets/42")
                .put("aws:SourceVpc", "vpc-1")
                .put("aws:SourceIp", "10.1.2.3")
                .put("portcullis:SourceSecurityGroups", ContextValue.ofAll(List.of("sg-1", "sg-2")))
                .put("portcullis:RequestMethod", "GET")
                .build();
        if (!ten.decide(request).allowed() || !thousand.decide(request).allowed()) {
            throw new IllegalStateException("benchmark policies must allow the request after a full scan");
        }
    }

    /** N-1 Deny statements whose third condition is false, then one Allow whose three conditions hold. */
    static String policy(int statements) {
        StringBuilder sb = new StringBuilder("{\"Version\": \"2012-10-17\", \"Statement\": [");
        for (int i = 0; i < statements - 1; i++) {
            sb.append("""
                    {"Sid": "Deny%d", "Effect": "Deny", "Principal": "*", "Action": "execute-api:*", "Resource": "execute-api:/prod/*",
                     "Condition": {"StringEquals": {"aws:SourceVpc": ["vpc-1", "vpc-2"]},
                                   "IpAddress": {"aws:SourceIp": "10.0.0.0/8"},
                                   "ForAnyValue:StringLike": {"portcullis:SourceSecurityGroups": "sg-blocked-%d*"}}},
                    """.formatted(i, i));
        }
        sb.append("""
                {"Sid": "AllowVpc", "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/GET/*",
                 "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}, "NotIpAddress": {"aws:SourceIp": "192.0.2.0/24"},
                               "ForAllValues:StringLike": {"portcullis:SourceSecurityGroups": "sg-*"}}}]}""");
        return sb.toString();
    }

    @Benchmark
    public Decision decide10() {
        return ten.decide(request);
    }

    @Benchmark
    public Decision decide1000() {
        return thousand.decide(request);
    }

    /** The explaining path (per-statement trace), for comparison with the allocation-free decide10. */
    @Benchmark
    public PolicyResult evaluate10() {
        return ten.evaluate(request);
    }
}
