package io.portcullis.config;

import java.util.Map;

/**
 * An AWS-style account: a 12-digit id, a display name and tags (tiers and tenants can be declared by account:
 * {@code tier: prod}, {@code tenant: acme}).
 */
public record Account(String id, String name, Map<String, String> tags) {
    public Account {
        tags = Map.copyOf(tags);
    }

    public Account(String id, String name) {
        this(id, name, Map.of());
    }
}
