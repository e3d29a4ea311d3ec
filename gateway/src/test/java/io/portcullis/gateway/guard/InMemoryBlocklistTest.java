package io.portcullis.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.gateway.net.Cidr;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryBlocklistTest {

    @Test
    void reportsTheSourceOfTheMatchingEntry() throws Exception {
        InMemoryBlocklist list = new InMemoryBlocklist();
        list.block(Cidr.parse("203.0.113.0/24"), "feed-spamhaus");
        list.block(Cidr.parse("203.0.113.7"), "auto-block");
        assertThat(list.blockedBy(InetAddress.getByName("203.0.113.7"))).isEqualTo("auto-block");
        assertThat(list.blockedBy(InetAddress.getByName("203.0.113.8"))).isEqualTo("feed-spamhaus");
        assertThat(list.blockedBy(InetAddress.getByName("198.51.100.1"))).isNull();
    }

    @Test
    void feedRefreshReplacesOnlyThatFeedsEntries() throws Exception {
        InMemoryBlocklist list = new InMemoryBlocklist();
        list.replaceSource("feed", List.of(Cidr.parse("192.0.2.0/24"), Cidr.parse("198.51.100.0/24")));
        list.block(Cidr.parse("10.0.0.1"), "auto-block");
        list.replaceSource("feed", List.of(Cidr.parse("198.51.100.0/24")));
        assertThat(list.blockedBy(InetAddress.getByName("192.0.2.1"))).isNull();
        assertThat(list.blockedBy(InetAddress.getByName("198.51.100.1"))).isEqualTo("feed");
        assertThat(list.blockedBy(InetAddress.getByName("10.0.0.1"))).isEqualTo("auto-block");
        list.unblock(Cidr.parse("10.0.0.1"));
        assertThat(list.blockedBy(InetAddress.getByName("10.0.0.1"))).isNull();
        assertThat(list.size()).isEqualTo(1);
    }
}
