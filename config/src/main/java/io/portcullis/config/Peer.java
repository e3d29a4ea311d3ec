package io.portcullis.config;

/** The {@code from} of an ingress rule: exactly one of a group, a CIDR or a prefix list. */
public sealed interface Peer {

    /** Members of the group (by their private addresses) match. */
    record Group(GroupRef group) implements Peer {
        @Override
        public String toString() {
            return group.key();
        }
    }

    /** Addresses inside the CIDR match (canonical form, IPv4 or IPv6). */
    record Cidr(String cidr) implements Peer {
        @Override
        public String toString() {
            return cidr;
        }
    }

    /** Addresses inside any CIDR of the prefix list match. */
    record PrefixListRef(String prefixList) implements Peer {
        @Override
        public String toString() {
            return prefixList;
        }
    }
}
