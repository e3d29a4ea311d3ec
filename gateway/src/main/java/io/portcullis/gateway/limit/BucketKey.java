package io.portcullis.gateway.limit;

import io.netty.util.concurrent.FastThreadLocal;
import io.portcullis.settings.RateLimitSettings;

/**
 * A bucket's identity: scope, limit and key value (the map key of the local and of the leased limiter). Keys in a
 * map are never changed once inserted; a thread's {@linkplain #lookup lookup key} is refilled for each lookup (and
 * keeps the last lookup's references until the next one), so a lookup allocates nothing.
 */
final class BucketKey {

    /** Lookup keys, one per thread: a key is only read while its thread looks a bucket up. */
    private static final FastThreadLocal<BucketKey> LOOKUP = new FastThreadLocal<>() {
        @Override
        protected BucketKey initialValue() {
            return new BucketKey();
        }
    };

    private String scope;
    RateLimitSettings limit;
    private String key;
    private int hash;

    /** This thread's lookup key, set to {@code (scope, limit, key)}: only for a map lookup, never to be stored. */
    static BucketKey lookup(String scope, RateLimitSettings limit, String key) {
        return LOOKUP.get().set(scope, limit, key);
    }

    String scope() {
        return scope;
    }

    String key() {
        return key;
    }

    BucketKey set(String scope, RateLimitSettings limit, String key) {
        this.scope = scope;
        this.limit = limit;
        this.key = key;
        this.hash = 31 * (31 * scope.hashCode() + limit.hashCode()) + key.hashCode();
        return this;
    }

    BucketKey copy() {
        return new BucketKey().set(scope, limit, key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BucketKey other && hash == other.hash && limit.equals(other.limit)
                && scope.equals(other.scope) && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
