package io.portcullis.policy;

/**
 * What a policy is evaluated against: who calls ({@link #principal()}), the action (e.g.
 * {@code execute-api:Invoke}), the resource ARN and the condition keys.
 *
 * <p>The gateway implements this over its own per-request state: {@link #value(ContextKey)} is called with keys
 * resolved when the policy was compiled, so an implementation can switch on {@link ContextKey#id()} (or
 * {@link ContextKey#family()} and {@link ContextKey#qualifier()} for tags and claims) and return a
 * {@link ContextValue} it built once per connection, without building maps or strings per request.
 * {@link SimpleRequestContext} is a map-based implementation for tools and tests.
 */
public interface RequestContext {

    Principal principal();

    String action();

    String resource();

    /** The key's value, or {@code null} when the request has no such key. */
    ContextValue value(ContextKey key);
}
