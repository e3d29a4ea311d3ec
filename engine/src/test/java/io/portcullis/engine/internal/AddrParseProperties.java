package io.portcullis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Addr#parse} (a hand-written dotted-quad fast path, IPAddress for the rest) reads every text exactly as
 * IPAddress does: the same family, prefix length and network, or null for both. Texts are near-addresses:
 * octets and lengths out of range, leading zeros, missing or extra parts, stray characters, IPv6.
 */
class AddrParseProperties {

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> octet = Arbitraries.oneOf(Arbitraries.integers().between(0, 255).map(String::valueOf),
                Arbitraries.integers().between(0, 999).map(String::valueOf), Arbitraries.of("00", "01", "007", "", "0x1", "1a", "-1"));
        Arbitrary<String> quad = Combinators.combine(octet, octet, octet, octet).as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
        Arbitrary<String> length = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.integers().between(0, 40).map(n -> "/" + n),
                Arbitraries.of("/", "/08", "/0", "/32", "/33", "/1x"));
        Arbitrary<String> v4 = Combinators.combine(quad, length).as(String::concat);
        Arbitrary<String> odd = Arbitraries.of("1.2.3", "1.2.3.4.5", "1.2.3.4 ", " 1.2.3.4", "1..3.4", "10.0.0.0/8/8", "::", "::1",
                "fd00:1::/48", "2001:db8::1/128", "::ffff:10.0.0.1", "not an address", "", "1.2.3.4/24x");
        return Arbitraries.oneOf(v4, odd);
    }

    @Property(tries = 2000)
    void readsAsIpAddressDoes(@ForAll("texts") String text) {
        IPAddress ip = new IPAddressString(text).getAddress();
        Addr.Prefix p = Addr.parse(text);
        if (ip == null) {
            assertThat(p).as(text).isNull();
            return;
        }
        assertThat(p).as(text).isNotNull();
        int width = ip.isIPv4() ? 32 : 128;
        int bits = ip.getNetworkPrefixLength() == null ? width : ip.getNetworkPrefixLength();
        long[] h = Addr.halves(ip.getLower());
        assertThat(p.family()).as(text).isEqualTo(ip.isIPv4() ? 4 : 6);
        assertThat(p.bits()).as(text).isEqualTo(bits);
        assertThat(Addr.maskHi(p.hi(), bits, width)).as(text).isEqualTo(Addr.maskHi(h[0], bits, width));
        assertThat(Addr.maskLo(p.lo(), bits, width)).as(text).isEqualTo(Addr.maskLo(h[1], bits, width));
    }
}
