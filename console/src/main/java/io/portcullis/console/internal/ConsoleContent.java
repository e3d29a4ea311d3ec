package io.portcullis.console.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * What a console serves to a signed-in user: a node's own views ({@link NodeViews}) or, at the control plane, every
 * node's through the relay ({@link NodeRelay}). The listener, the sign-in, the shared assets and the safe headers
 * are the {@link ConsoleServer}'s; the content checks the role each of its endpoints needs.
 */
public interface ConsoleContent extends AutoCloseable {

    /** Where {@code /} sends a signed-in user. */
    String home();

    /**
     * Serves {@code path} for {@code user}, or returns false when the path is not this content's (the server
     * answers 404).
     */
    boolean serve(HttpExchange ex, User user, String path, String method) throws IOException;

    @Override
    void close();
}
