package io.portcullis.config;

import java.util.List;
import java.util.Map;

/**
 * A VPC: its id, owning account, address space (IPv4 and IPv6 CIDRs, canonical), the region it is in ({@code ""}
 * when not said) and tags.
 */
public record Vpc(String id, String account, List<String> cidrs, String region, Map<String, String> tags) {
    public Vpc {
        cidrs = List.copyOf(cidrs);
        tags = Map.copyOf(tags);
    }

    public Vpc(String id, String account, List<String> cidrs) {
        this(id, account, cidrs, "", Map.of());
    }
}
