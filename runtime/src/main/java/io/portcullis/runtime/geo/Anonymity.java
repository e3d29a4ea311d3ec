package io.portcullis.runtime.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Anonymous IP database says of an address it lists: anonymous at all, and each kind of anonymous
 * network. A flag the database's record does not set is false.
 */
public record Anonymity(boolean anonymous, boolean anonymousVpn, boolean hostingProvider, boolean publicProxy,
                        boolean residentialProxy, boolean torExitNode) {

    /** The kinds set, by name ({@code vpn}, {@code hosting-provider}, {@code public-proxy}, ...), in that order. */
    public List<String> kinds() {
        List<String> out = new ArrayList<>(5);
        if (anonymousVpn) {
            out.add("vpn");
        }
        if (hostingProvider) {
            out.add("hosting-provider");
        }
        if (publicProxy) {
            out.add("public-proxy");
        }
        if (residentialProxy) {
            out.add("residential-proxy");
        }
        if (torExitNode) {
            out.add("tor-exit-node");
        }
        return out;
    }
}
