package io.portcullis.bench.geo;

import com.maxmind.db.NoCache;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import io.portcullis.config.node.GeoConfig;
import io.portcullis.runtime.geo.GeoFacts;
import io.portcullis.runtime.geo.GeoLocator;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one request's location costs: {@code country} (the Country database: country and continent),
 * {@code countryAndAnonymity} (both databases, what a policy naming location and anonymous keys pays), over a
 * rotation of 16 addresses from MaxMind's test networks (IPv4 and IPv6, listed and unlisted). The peer, in the
 * same run, is MaxMind's reader alone on the same file: {@code readerCached} with the node cache we use,
 * {@code readerUncached} without any cache (every lookup decodes its record afresh).
 *
 * <p>The databases are MaxMind's public test files, read in place: {@code -p dir=...}, default
 * {@code ../shared/testdata/geoip} (the repository checked out beside {@code shared/}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GeoLookupBenchmark {

    private static final String[] ADDRESSES = {"81.2.69.160", "89.160.20.112", "216.160.83.56", "175.16.199.1",
        "67.43.156.1", "2.125.160.216", "2001:218::1", "2001:220::1", "81.2.69.1", "1.2.0.1", "65.0.0.1",
        "192.0.2.10", "10.0.0.1", "2001:db8::1", "71.160.223.5", "186.30.236.9"};

    @Param("../shared/testdata/geoip")
    public String dir;

    private GeoLocator country;
    private GeoLocator both;
    private DatabaseReader cached;
    private DatabaseReader uncached;
    private InetAddress[] addresses;
    private int next;

    @Setup
    public void setup() throws Exception {
        Path d = Path.of(dir);
        Path countryDb = d.resolve("GeoIP2-Country-Test.mmdb");
        country = GeoLocator.open(new GeoConfig(Optional.of(countryDb), Optional.empty(), Duration.ofMinutes(1)));
        both = GeoLocator.open(new GeoConfig(Optional.of(countryDb), Optional.of(d.resolve("GeoIP2-Anonymous-IP-Test.mmdb")),
                Duration.ofMinutes(1)));
        cached = new DatabaseReader.Builder(Files.newInputStream(countryDb)).fileMode(Reader.FileMode.MEMORY)
                .withCache(new com.maxmind.db.CHMCache()).build();
        uncached = new DatabaseReader.Builder(Files.newInputStream(countryDb)).fileMode(Reader.FileMode.MEMORY)
                .withCache(NoCache.getInstance()).build();
        addresses = new InetAddress[ADDRESSES.length];
        for (int i = 0; i < ADDRESSES.length; i++) {
            addresses[i] = InetAddress.getByName(ADDRESSES[i]);
        }
    }

    private InetAddress address() {
        next = (next + 1) & 15;
        return addresses[next];
    }

    @Benchmark
    public GeoFacts country() {
        return country.lookup(address());
    }

    @Benchmark
    public GeoFacts countryAndAnonymity() {
        return both.lookup(address());
    }

    @Benchmark
    public Object readerCached() throws Exception {
        return cached.tryCountry(address());
    }

    @Benchmark
    public Object readerUncached() throws Exception {
        return uncached.tryCountry(address());
    }
}
