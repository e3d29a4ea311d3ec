package io.portcullis.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Any list of CIDRs written in the plain format, in whatever spelling Java prints and with host bits possibly
 * set, reads back as the same set of networks; and what the parser prints reads back unchanged.
 */
class PlainFormatProperties {

    /** A generated entry: address bytes (host bits possibly set), a prefix length, and how the line is dressed. */
    record Entry(byte[] address, int length, boolean bare, String lineEnd) {

        String line() throws Exception {
            // Java prints an IPv4-mapped IPv6 address as plain IPv4, so the mapped form is spelled out here.
            InetAddress a = InetAddress.getByAddress(address);
            String text = address.length == 16 && a.getAddress().length == 4 ? "::ffff:" + a.getHostAddress()
                    : a.getHostAddress();
            return (bare && length == address.length * 8 ? text : text + "/" + length) + lineEnd;
        }

        @Override
        public String toString() {
            try {
                return line().strip();
            } catch (Exception e) {
                return Arrays.toString(address) + "/" + length;
            }
        }

        /** The network the entry means, computed independently of the parser: masked, IPv4-mapped as IPv4. */
        String network() throws Exception {
            byte[] masked = address.clone();
            for (int bit = length; bit < masked.length * 8; bit++) {
                masked[bit / 8] &= (byte) ~(1 << (7 - bit % 8));
            }
            InetAddress a = InetAddress.getByAddress(masked);
            int len = a.getAddress().length == 4 && masked.length == 16 ? length - 96 : length;
            return Arrays.toString(a.getAddress()) + "/" + len;
        }
    }

    @Property(tries = 300)
    void plainListReadsBackAsTheSameNetworks(@ForAll("entries") @Size(min = 1, max = 40) List<Entry> entries)
            throws Exception {
        StringBuilder feed = new StringBuilder("# generated\n");
        Set<String> expected = new HashSet<>();
        for (Entry e : entries) {
            feed.append(e.line());
            expected.add(e.network());
        }
        FeedList list = FeedParser.parse(FeedFormat.PLAIN, feed.toString().getBytes(StandardCharsets.UTF_8),
                FeedParseOptions.DEFAULTS.withMaxBadFraction(0));

        Set<String> actual = new HashSet<>();
        for (String cidr : list.cidrs()) {
            int slash = cidr.indexOf('/');
            actual.add(Arrays.toString(InetAddress.getByName(cidr.substring(0, slash)).getAddress()) + cidr.substring(slash));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(list.cidrs()).hasSize(expected.size()).doesNotHaveDuplicates();

        FeedList again = FeedParser.parse(FeedFormat.PLAIN, String.join("\n", list.cidrs()));
        assertThat(again.cidrs()).isEqualTo(list.cidrs());
        assertThat(again.hostBitsMasked()).isZero();
    }

    @Provide
    Arbitrary<List<Entry>> entries() {
        Arbitrary<Entry> v4 = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofSize(4), Arbitraries.integers().between(1, 32),
                Arbitraries.of(true, false), lineEnds()).as(Entry::new);
        Arbitrary<Entry> v6 = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofSize(16), Arbitraries.integers().between(1, 128),
                Arbitraries.of(true, false), lineEnds()).as(Entry::new);
        Arbitrary<Entry> mapped = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofSize(4), Arbitraries.integers().between(97, 128),
                lineEnds()).as((b, len, end) -> {
                    byte[] a = new byte[16];
                    a[10] = (byte) 0xff;
                    a[11] = (byte) 0xff;
                    System.arraycopy(b, 0, a, 12, 4);
                    return new Entry(a, len, false, end);
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, v4), net.jqwik.api.Tuple.of(5, v6), net.jqwik.api.Tuple.of(1, mapped))
                .list();
    }

    private static Arbitrary<String> lineEnds() {
        return Arbitraries.of("\n", "\r\n", "  \n", "\t# why it is listed\r\n", " #\n");
    }
}
