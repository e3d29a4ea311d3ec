package io.portcullis.policy;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;

/**
 * A {@link RequestContext} backed by a map from key name (any case) to value: for the simulator, tools and tests.
 * The gateway implements {@link RequestContext} over its own state instead.
 */
public final class SimpleRequestContext implements RequestContext {

    private final Principal principal;
    private final String action;
    private final String resource;
    private final Map<String, ContextValue> values;

    private SimpleRequestContext(Builder b) {
        this.principal = b.principal;
        this.action = b.action;
        this.resource = b.resource;
        this.values = Map.copyOf(b.values);
    }

    public static Builder builder(Principal principal, String action, String resource) {
        return new Builder(principal, action, resource);
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public String action() {
        return action;
    }

    @Override
    public String resource() {
        return resource;
    }

    @Override
    public ContextValue value(ContextKey key) {
        return values.get(key.name());
    }

    /** Collects the keys; a later value for the same key (in any case) replaces the earlier one. */
    public static final class Builder {
        private final Principal principal;
        private final String action;
        private final String resource;
        private final Map<String, ContextValue> values = new HashMap<>();

        private Builder(Principal principal, String action, String resource) {
            this.principal = requireNonNull(principal, "principal");
            this.action = requireNonNull(action, "action");
            this.resource = requireNonNull(resource, "resource");
        }

        public Builder put(String key, ContextValue value) {
            values.put(ContextKey.of(key).name(), requireNonNull(value, "value"));
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, ContextValue.of(value));
        }

        public SimpleRequestContext build() {
            return new SimpleRequestContext(this);
        }
    }
}
