package io.portcullis.gateway.invariant;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One generated HTTP/2 request: method, {@code :path}, credentials, body, more fields, and maybe an
 * {@link Attack} on the conversion to the HTTP/1.1 head the upstream gets.
 */
record H2Case(String method, String path, Expectation.Token token, String body, List<String> extras, Attack attack) {

    /** Fields HTTP/2 forbids or that disagree with the request. */
    enum Attack {
        NONE,
        /** {@code connection: keep-alive}, a connection-specific field. */
        CONNECTION,
        /** {@code te: gzip}. */
        TE,
        /** {@code transfer-encoding: chunked}. */
        TRANSFER_ENCODING,
        /** {@code content-length} other than the DATA frames' length. */
        CONTENT_LENGTH_MISMATCH,
        /** {@code host} naming another authority than {@code :authority}. */
        HOST_MISMATCH
    }

    /** The header fields after the pseudo-headers, in order. */
    List<Map.Entry<String, String>> fields() {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        token.authorizations().forEach(v -> fields.add(Map.entry("authorization", v)));
        extras.forEach(line -> {
            int colon = line.indexOf(':');
            fields.add(Map.entry(line.substring(0, colon), line.substring(colon + 1).strip()));
        });
        switch (attack) {
            case CONNECTION -> fields.add(Map.entry("connection", "keep-alive"));
            case TE -> fields.add(Map.entry("te", "gzip"));
            case TRANSFER_ENCODING -> fields.add(Map.entry("transfer-encoding", "chunked"));
            case CONTENT_LENGTH_MISMATCH -> fields.add(Map.entry("content-length", "3"));
            case HOST_MISMATCH -> fields.add(Map.entry("host", "evil.internal"));
            case NONE -> { }
        }
        return fields;
    }

    /** The DATA to send, or {@code null} to end the stream with the headers. */
    byte[] data() {
        String b = attack == Attack.CONTENT_LENGTH_MISMATCH && (body == null || body.length() == 3) ? "hello world" : body;
        return b == null ? null : b.getBytes(StandardCharsets.ISO_8859_1);
    }

    Expectation expectation() {
        if (attack == Attack.CONTENT_LENGTH_MISMATCH) {
            // The mismatch shows only when the DATA frames arrive; the head may be refused before that by any layer
            // that decides on heads (401, 403, 404, 405): refused either way, and nothing reaches the upstream.
            return Expectation.refused(Set.of(-1, 400, 401, 403, 404, 405));
        }
        if (attack != Attack.NONE || !path.startsWith("/") || !path.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            // reset by the HTTP/2 codec or refused by the gateway: the contracts do not say which
            return Expectation.refused(Set.of(-1, 400));
        }
        return Expectation.of(method, path, token);
    }

    @Override
    public String toString() {
        return method + " " + Escape.of(path) + " " + fields() + (body == null ? "" : " body=" + Escape.of(body));
    }
}
