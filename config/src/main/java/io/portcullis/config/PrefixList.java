package io.portcullis.config;

import java.util.List;

/** A managed prefix list: a named set of CIDRs that rules can reference. */
public record PrefixList(String id, List<String> cidrs) {
    public PrefixList {
        cidrs = List.copyOf(cidrs);
    }
}
