package io.portcullis.gateway.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrefixTrieTest {

    @Test
    void findsMostSpecificPrefixForIpv4AndIpv6() throws Exception {
        PrefixTrie<String> trie = PrefixTrie.of(Map.of(
                Cidr.parse("10.0.0.0/8"), "wide", Cidr.parse("10.1.0.0/16"), "narrow",
                Cidr.parse("2001:db8::/32"), "v6", Cidr.parse("0.0.0.0/0"), "all-v4"));
        assertThat(trie.longestMatch(InetAddress.getByName("10.1.2.3"))).isEqualTo("narrow");
        assertThat(trie.longestMatch(InetAddress.getByName("10.2.2.3"))).isEqualTo("wide");
        assertThat(trie.longestMatch(InetAddress.getByName("192.0.2.1"))).isEqualTo("all-v4");
        assertThat(trie.longestMatch(InetAddress.getByName("2001:db8::5"))).isEqualTo("v6");
        assertThat(trie.longestMatch(InetAddress.getByName("2001:db9::5"))).isNull();
        assertThat(trie.size()).isEqualTo(4);
    }

    @Test
    void matchesIpv4MappedIpv6AgainstIpv4Prefixes() throws Exception {
        PrefixTrie<String> trie = PrefixTrie.<String>empty().with(Cidr.parse("127.0.0.2"), "host");
        InetAddress mapped = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 2});
        assertThat(trie.longestMatch(mapped)).isEqualTo("host");
    }

    @Test
    void removingAPrefixLeavesTheOthersAndTheOldVersionIntact() throws Exception {
        PrefixTrie<String> v1 = PrefixTrie.<String>empty().with(Cidr.parse("10.0.0.0/8"), "a")
                .with(Cidr.parse("10.1.0.0/16"), "b");
        PrefixTrie<String> v2 = v1.without(Cidr.parse("10.1.0.0/16"));
        assertThat(v2.longestMatch(InetAddress.getByName("10.1.0.1"))).isEqualTo("a");
        assertThat(v1.longestMatch(InetAddress.getByName("10.1.0.1"))).isEqualTo("b");
        assertThat(v2.size()).isEqualTo(1);
        assertThat(v2.without(Cidr.parse("10.9.0.0/16"))).isSameAs(v2);
    }

    @Test
    void rejectsInvalidCidrsWithTheExpectedForm() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
                .hasMessage("'10.0.0.0/33' (expected: an IPv4 or IPv6 CIDR such as 10.0.0.0/8 or 2001:db8::/32)");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.1/8"))
                .hasMessage("'10.0.0.1/8' (expected: host bits zero, e.g. 10.0.0.0/8)");
        assertThatThrownBy(() -> Cidr.parse("example.com"))
                .hasMessageContaining("expected: an IPv4 or IPv6 CIDR");
    }
}
