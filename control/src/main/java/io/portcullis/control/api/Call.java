package io.portcullis.control.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.control.auth.Caller;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One request as a handler sees it: the caller (null on open routes), path parameters, query parameters and the
 * body. A handler that cannot answer yet (a long poll) takes {@link #later} and returns null.
 */
public final class Call {

    private final Caller caller;
    private final Map<String, String> params;
    private final Map<String, List<String>> query;
    private final byte[] body;
    private final Consumer<Reply> responder;
    private final Consumer<Runnable> closing;

    Call(Caller caller, Map<String, String> params, Map<String, List<String>> query, byte[] body,
         Consumer<Reply> responder, Consumer<Runnable> closing) {
        this.caller = caller;
        this.params = params;
        this.query = query;
        this.body = body;
        this.responder = responder;
        this.closing = closing;
    }

    public Caller caller() {
        return caller;
    }

    public String param(String name) {
        return params.get(name);
    }

    /** The first value of query parameter {@code name}, or null. */
    public String query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The body as a JSON object, or a 400 that says what was wrong. */
    public JsonNode json() {
        if (body.length == 0) {
            throw new ApiException(400, "empty body (expected: a JSON object)");
        }
        try {
            JsonNode node = Reply.JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ApiException(400, "body: not a JSON object (expected: a JSON object)");
            }
            return node;
        } catch (IOException e) {
            throw new ApiException(400, "body: malformed JSON at " + location(e) + " (expected: a JSON object)");
        }
    }

    private static String location(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            return "line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr();
        }
        return "an unknown place";
    }

    /**
     * The way to answer later, from any thread (the first answer counts, later ones are dropped); a handler that
     * takes it returns null.
     */
    public Consumer<Reply> later() {
        return responder;
    }

    /** Runs {@code action} when the caller's connection closes (to forget a parked poll). */
    public void onClose(Runnable action) {
        closing.accept(action);
    }
}
