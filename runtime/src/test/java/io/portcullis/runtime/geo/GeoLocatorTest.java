package io.portcullis.runtime.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.config.node.GeoConfig;
import io.portcullis.testing.TestData;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MaxMind's public test databases, with the JSON they were built from as the oracle: every listed network,
 * its first and its last address, IPv4 and IPv6, answers what the most specific network holding it says.
 */
class GeoLocatorTest {

    private static final Path COUNTRY = TestData.path("geoip/GeoIP2-Country-Test.mmdb");
    private static final Path LITE = TestData.path("geoip/GeoLite2-Country-Test.mmdb");
    private static final Path ANONYMOUS = TestData.path("geoip/GeoIP2-Anonymous-IP-Test.mmdb");

    @TempDir
    Path dir;

    /** One network of a source JSON: its range and its record. */
    record Network(BigInteger first, BigInteger last, int prefix, boolean v4, JsonNode data) {
        boolean holds(BigInteger a) {
            return a.compareTo(first) >= 0 && a.compareTo(last) <= 0;
        }
    }

    @Test
    void everyNetworkOfTheCountrySourceAnswersItsCountryAndContinent() throws Exception {
        GeoLocator geo = GeoLocator.open(new GeoConfig(Optional.of(COUNTRY), Optional.empty(), Duration.ofMinutes(1)));
        List<Network> networks = networks(TestData.path("geoip/GeoIP2-Country-Test.json"));
        assertThat(networks).hasSizeGreaterThan(100);
        int checked = 0;
        for (Network n : networks) {
            for (BigInteger probe : List.of(n.first(), n.last())) {
                JsonNode expected = mostSpecific(networks, probe).data();
                GeoFacts facts = geo.lookup(address(probe, n.v4()));
                String at = address(probe, n.v4()).getHostAddress();
                assertThat(facts.country()).as(at).isEqualTo(text(expected.path("country").path("iso_code")));
                assertThat(facts.continent()).as(at).isEqualTo(text(expected.path("continent").path("code")));
                if (facts.country().isPresent()) {
                    assertThat(facts.locatedBy().orElseThrow().type()).isEqualTo("GeoIP2-Country");
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(2 * networks.size());
    }

    @Test
    void everyNetworkOfTheAnonymousSourceAnswersEachKind() throws Exception {
        GeoLocator geo = GeoLocator.open(new GeoConfig(Optional.empty(), Optional.of(ANONYMOUS), Duration.ofMinutes(1)));
        List<Network> networks = networks(TestData.path("geoip/GeoIP2-Anonymous-IP-Test.json"));
        assertThat(networks).hasSize(12);
        for (Network n : networks) {
            for (BigInteger probe : List.of(n.first(), n.last())) {
                JsonNode e = mostSpecific(networks, probe).data();
                InetAddress a = address(probe, n.v4());
                Anonymity got = geo.lookup(a).anonymity().orElseThrow(() -> new AssertionError(a + " not found"));
                assertThat(got).as(a.getHostAddress()).isEqualTo(new Anonymity(e.path("is_anonymous").asBoolean(),
                        e.path("is_anonymous_vpn").asBoolean(), e.path("is_hosting_provider").asBoolean(),
                        e.path("is_public_proxy").asBoolean(), e.path("is_residential_proxy").asBoolean(),
                        e.path("is_tor_exit_node").asBoolean()));
            }
        }
    }

    @Test
    void theReadmesExamplesAndAnAddressNoDatabaseListsWhichHasNoFacts() throws Exception {
        GeoLocator geo = GeoLocator.open(new GeoConfig(Optional.of(COUNTRY), Optional.of(ANONYMOUS), Duration.ofMinutes(1)));
        assertThat(geo.lookup(InetAddress.getByName("81.2.69.160")).country()).contains("GB");
        assertThat(geo.lookup(InetAddress.getByName("2.125.160.216")).country()).contains("GB");
        assertThat(geo.lookup(InetAddress.getByName("89.160.20.112")).country()).contains("SE");
        assertThat(geo.lookup(InetAddress.getByName("89.160.20.112")).continent()).contains("EU");
        assertThat(geo.lookup(InetAddress.getByName("216.160.83.56")).country()).contains("US");
        assertThat(geo.lookup(InetAddress.getByName("175.16.199.1")).country()).contains("CN");
        assertThat(geo.lookup(InetAddress.getByName("67.43.156.1")).country()).contains("BT");
        assertThat(geo.lookup(InetAddress.getByName("::ffff:81.2.69.160")).country()).as("IPv4-mapped").contains("GB");
        assertThat(geo.lookup(InetAddress.getByName("10.0.0.1"))).isEqualTo(GeoFacts.NONE);
        assertThat(geo.lookup(InetAddress.getByName("89.160.20.112")).anonymity())
                .as("between the Anonymous IP networks the reader finds an empty record: not listed").isEmpty();
        assertThat(geo.lookup(InetAddress.getByName("216.160.83.56")).anonymityBy()).isEmpty();
        assertThat(geo.lookup(InetAddress.getByName("2001:db8::1"))).isEqualTo(GeoFacts.NONE);
        GeoFacts both = geo.lookup(InetAddress.getByName("81.2.69.1"));
        assertThat(both.anonymous()).isTrue();
        assertThat(both.anonymityBy().orElseThrow().type()).isEqualTo("GeoIP2-Anonymous-IP");
    }

    @Test
    void geoLiteAnswersTheReadmesEuropeanAndUsNetworksAsGeoIpDoes() throws Exception {
        // GeoLite2-Country-Test is built from a source not in the folder, and lists fewer networks (not CN or BT)
        GeoLocator full = GeoLocator.open(new GeoConfig(Optional.of(COUNTRY), Optional.empty(), Duration.ofMinutes(1)));
        GeoLocator lite = GeoLocator.open(new GeoConfig(Optional.of(LITE), Optional.empty(), Duration.ofMinutes(1)));
        for (String a : List.of("81.2.69.160", "2.125.160.216", "89.160.20.112", "216.160.83.56")) {
            InetAddress address = InetAddress.getByName(a);
            assertThat(lite.lookup(address).country()).as(a).isPresent().isEqualTo(full.lookup(address).country());
        }
        assertThat(lite.databases().locationInfo().orElseThrow().type()).isEqualTo("GeoLite2-Country");
    }

    @Test
    void refusesADatabaseOfTheWrongKindOrAMissingFile() {
        assertThatThrownBy(() -> GeoLocator.open(new GeoConfig(Optional.of(ANONYMOUS), Optional.empty(), Duration.ofMinutes(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("geo.country: '" + ANONYMOUS + "' is a GeoIP2-Anonymous-IP database (expected: a GeoIP2 or "
                        + "GeoLite2 Country or City database)");
        Path missing = dir.resolve("none.mmdb");
        assertThatThrownBy(() -> GeoLocator.open(new GeoConfig(Optional.empty(), Optional.of(missing), Duration.ofMinutes(1))))
                .hasMessage("geo.anonymousIp: '" + missing + "' does not exist (expected: a GeoIP2 Anonymous IP database)");
    }

    @Test
    void aChangedFileIsReopenedAndABrokenOneKeepsTheLastGood() throws Exception {
        Path file = dir.resolve("country.mmdb");
        Files.copy(COUNTRY, file);
        GeoLocator geo = GeoLocator.open(new GeoConfig(Optional.of(file), Optional.empty(), Duration.ofMinutes(1)));
        GeoDatabases first = geo.databases();
        assertThat(geo.refresh()).isEmpty();
        assertThat(geo.databases()).as("unchanged file: same databases").isSameAs(first);

        Path next = dir.resolve("next.mmdb");
        Files.copy(LITE, next);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(geo.refresh()).isEmpty();
        assertThat(geo.databases().locationInfo().orElseThrow().type()).isEqualTo("GeoLite2-Country");
        GeoDatabases lite = geo.databases();

        Path broken = dir.resolve("broken.mmdb");
        Files.write(broken, new byte[] {1, 2, 3});
        Files.move(broken, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(geo.refresh()).hasValueSatisfying(m -> assertThat(m).startsWith("geo.country: '" + file
                + "' cannot be read as a MaxMind database"));
        assertThat(geo.databases()).isSameAs(lite);
        assertThat(geo.lookup(InetAddress.getByName("81.2.69.160")).country()).contains("GB");
    }

    private static Network mostSpecific(List<Network> networks, BigInteger address) {
        Network best = null;
        for (Network n : networks) {
            if (n.holds(address) && (best == null || n.prefix() > best.prefix())) {
                best = n;
            }
        }
        return best;
    }

    private static List<Network> networks(Path json) throws Exception {
        List<Network> out = new ArrayList<>();
        for (JsonNode entry : new ObjectMapper().readTree(json.toFile())) {
            Map.Entry<String, JsonNode> e = entry.fields().next();
            String[] parts = e.getKey().split("/");
            int prefix = Integer.parseInt(parts[1]);
            byte[] raw = InetAddress.getByName(parts[0]).getAddress();
            BigInteger value = new BigInteger(1, raw);
            int bits = raw.length * 8;
            boolean v4 = raw.length == 4 || (prefix >= 96 && value.shiftRight(32).signum() == 0);
            if (raw.length == 4) {
                prefix += 96; // keep one 128-bit space: ::a.b.c.d
            }
            BigInteger size = BigInteger.ONE.shiftLeft(128 - prefix);
            BigInteger first = value.shiftRight(128 - prefix).shiftLeft(128 - prefix);
            out.add(new Network(first, first.add(size).subtract(BigInteger.ONE), prefix, v4 && bits <= 128, e.getValue()));
        }
        return out;
    }

    /** The address as the gateway would see it: IPv4 for the ::a.b.c.d space, else IPv6. */
    private static InetAddress address(BigInteger value, boolean v4) throws Exception {
        byte[] b = value.toByteArray();
        byte[] out = new byte[v4 ? 4 : 16];
        int copy = Math.min(b.length, out.length);
        System.arraycopy(b, b.length - copy, out, out.length - copy, copy);
        return InetAddress.getByAddress(out);
    }

    private static Optional<String> text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }
}
