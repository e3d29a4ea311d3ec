package io.portcullis.gateway.auth;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * Read-only lookups of one request's headers by name (ignoring case), for the {@link RequestAuthorizer}: an
 * HTTP/1.1 request answers them from the head's bytes without decoding the head into a map, an HTTP/2 request
 * from its header map. Valid only during the authorizer's call.
 */
public interface HeaderLookup {

    /** The first value of the header, or {@code null}. */
    String first(String name);

    /** Every value of the header, in order; empty when absent. */
    List<String> all(String name);

    /** Lookups over Netty's header map. */
    static HeaderLookup of(HttpHeaders headers) {
        return new HeaderLookup() {
            @Override
            public String first(String name) {
                return headers.get(name);
            }

            @Override
            public List<String> all(String name) {
                return List.copyOf(headers.getAll(name));
            }
        };
    }
}
