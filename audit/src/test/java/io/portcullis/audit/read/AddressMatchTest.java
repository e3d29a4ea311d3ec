package io.portcullis.audit.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The source criterion against addresses as records hold them ({@code InetAddress.getHostAddress()}). */
class AddressMatchTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "10.0.1.7, 10.0.1.7, true",
            "10.0.1.7, 10.0.1.70, false",
            "10.0.1.0/24, 10.0.1.255, true",
            "10.0.1.0/24, 10.0.2.0, false",
            "10.0.0.0/15, 10.1.255.1, true",
            "10.0.0.0/15, 10.2.0.1, false",
            "127.0.2.16/28, 127.0.2.31, true",
            "127.0.2.16/28, 127.0.2.32, false",
            "0.0.0.0/0, 192.168.0.1, true",
            "0.0.0.0/0, 0:0:0:0:0:0:0:1, false",
            "10.0.0.0/8, 10.0.0, false",
            "10.0.0.0/8, 10.0.0.256, false",
            "::1, 0:0:0:0:0:0:0:1, true",
            "fd00::/8, fd00:0:0:0:0:0:0:15, true",
            "fd00::/8, fe80:0:0:0:0:0:0:1, false",
            "fd00::/8, 10.0.0.1, false",
    })
    void matchesTheAddressesItShould(String criterion, String recorded, boolean matches) {
        byte[] bytes = ("x" + recorded + "y").getBytes(StandardCharsets.US_ASCII);

        assertThat(AddressMatch.of(criterion).matches(bytes, 1, bytes.length - 1)).isEqualTo(matches);
    }
}
