package io.portcullis.config;

import java.util.List;

/** A VPC of an account, with its address space (IPv4 and/or IPv6 CIDRs, canonical form). */
public record Vpc(String id, String account, List<String> cidrs) {
    public Vpc {
        cidrs = List.copyOf(cidrs);
    }
}
