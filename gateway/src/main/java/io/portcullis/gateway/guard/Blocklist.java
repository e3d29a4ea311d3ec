package io.portcullis.gateway.guard;

import java.net.InetAddress;

/**
 * CIDR blocklists consulted at accept time (threat-intelligence feeds, automatic blocks). Lookups happen for
 * every new connection on an event loop, so implementations answer without locks or I/O.
 */
@FunctionalInterface
public interface Blocklist {

    /** A blocklist that blocks nothing. */
    Blocklist EMPTY = new Blocklist() {
        @Override
        public String blockedBy(InetAddress address) {
            return null;
        }

        @Override
        public int size() {
            return 0;
        }
    };

    /**
     * Which list blocks the address.
     *
     * @return the source label of the most specific entry containing the address (for example the feed name),
     *         or {@code null} when the address is not blocked
     */
    String blockedBy(InetAddress address);

    /** How many entries (prefixes) the list holds, for the blocklist-size gauge; {@code -1} when it cannot tell. */
    default int size() {
        return -1;
    }
}
