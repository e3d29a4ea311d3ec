package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A source address's typed form made from its bytes is the one parsing its text gives, IPv4-mapped IPv6 included. */
class AddressValueProperties {

    @Property(tries = 2000)
    void bytesAndTextGiveTheSameAddress(@ForAll("addresses") byte[] bytes) throws UnknownHostException {
        InetAddress address = InetAddress.getByAddress(bytes);
        ContextValue value = ContextValue.ofAddress(address);
        assertThat(value.get(0)).isEqualTo(address.getHostAddress());
        assertThat(value.address(0)).isEqualTo(IpAddr.parseAddress(address.getHostAddress()))
                .isEqualTo(IpAddr.of(bytes));
    }

    @Property(tries = 500)
    void aMappedAddressIsItsIpv4Address(@ForAll("v4") byte[] v4) {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(v4, 0, mapped, 12, 4);
        assertThat(IpAddr.of(mapped)).isEqualTo(IpAddr.of(v4)).isEqualTo(IpAddr.parseAddress("::ffff:"
                + (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff)));
    }

    @Provide
    Arbitrary<byte[]> addresses() {
        return Arbitraries.oneOf(v4(), Arbitraries.bytes().array(byte[].class).ofSize(16));
    }

    @Provide
    Arbitrary<byte[]> v4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4);
    }
}
