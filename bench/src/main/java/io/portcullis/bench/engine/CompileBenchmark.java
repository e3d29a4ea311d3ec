package io.portcullis.bench.engine;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.engine.AccessEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Target: compiling 10,000 groups, 100,000 workloads and 100,000 rules takes at most 2 s. Single shot per
 * iteration (a reload is a cold, one-off event); the configuration is validated once in setup, outside the
 * measurement. Run: {@code java -jar bench/target/benchmarks.jar CompileBenchmark -bm ss}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {

    @Param({"100", "10000"})
    public int groups;

    private PortcullisConfig config;

    @Setup
    public void load() {
        config = EngineFixture.config(groups);
    }

    @Benchmark
    public AccessEngine compile() {
        return AccessEngine.compile(config);
    }
}
