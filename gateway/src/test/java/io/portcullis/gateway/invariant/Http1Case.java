package io.portcullis.gateway.invariant;

import java.util.List;
import java.util.Set;

/**
 * One generated HTTP/1.x request: well-formed, or carrying one of the {@link Attack}s, rendered to the exact
 * bytes a client sends ({@link #render}) and judged by the contracts ({@link #expectation}).
 *
 * @param http10 HTTP/1.0 (with {@code keepAlive}: {@code Connection: keep-alive}) or HTTP/1.1
 * @param origin the origin-form target; with {@code absolute} it is sent as {@code http://api.internal<origin>}
 * @param framing how the body is framed, unless the attack decides
 * @param extras further header lines, sent as they are
 */
record Http1Case(boolean http10, boolean keepAlive, String method, String origin, boolean absolute,
                 Expectation.Token token, Framing framing, String body, List<String> extras, Attack attack) {

    /** A body that is a complete request of its own, and one that is the start of a request. */
    static final String SMUGGLED = "GET /admin/x HTTP/1.1\r\nHost: a\r\n\r\n";
    static final String SMUGGLED_PREFIX = "GET /admin/x HTTP/1.1\r\nX-Ignore: ";

    enum Framing { NONE, LENGTH, CHUNKED }

    /** Ways to make two HTTP parsers disagree, or a framing header a proxy may get wrong. */
    enum Attack {
        NONE,
        /** {@code Connection: Content-Length} on a length-framed body that holds a request. */
        CONNECTION_CONTENT_LENGTH,
        /** {@code Connection: Transfer-Encoding} on a chunked body that holds a request (HTTP/1.1). */
        CONNECTION_TRANSFER_ENCODING,
        /** {@code Connection: Host}. */
        CONNECTION_HOST,
        /** {@code Content-Length: 000N}. */
        LEADING_ZEROS,
        DUPLICATE_CONTENT_LENGTH,
        CONTENT_LENGTH_AND_CHUNKED,
        BARE_LF,
        OBS_FOLD,
        TRANSFER_ENCODING_LIST,
        DUPLICATE_HOST,
        SPACE_BEFORE_COLON;

        /** Refused by any strict HTTP/1.1 decoder. */
        boolean malformed() {
            return ordinal() >= DUPLICATE_CONTENT_LENGTH.ordinal();
        }
    }

    /** The framing actually used: some attacks need a body of their own kind. */
    Framing effectiveFraming() {
        return switch (attack) {
            case CONNECTION_CONTENT_LENGTH, LEADING_ZEROS, DUPLICATE_CONTENT_LENGTH -> Framing.LENGTH;
            case CONNECTION_TRANSFER_ENCODING, CONTENT_LENGTH_AND_CHUNKED, TRANSFER_ENCODING_LIST -> Framing.CHUNKED;
            default -> framing;
        };
    }

    boolean effectiveHttp10() {
        return http10 && attack != Attack.CONNECTION_TRANSFER_ENCODING;
    }

    String effectiveBody() {
        if ((attack == Attack.CONNECTION_CONTENT_LENGTH || attack == Attack.CONNECTION_TRANSFER_ENCODING)
                && !body.startsWith("GET ")) {
            return SMUGGLED_PREFIX + "x".repeat(15);
        }
        if (attack == Attack.LEADING_ZEROS && body.isEmpty()) {
            return "abc";
        }
        return effectiveFraming() == Framing.NONE ? "" : body;
    }

    boolean head() {
        return method.equals("HEAD");
    }

    /** The bytes on the wire, as ISO-8859-1 text. */
    String render() {
        StringBuilder r = new StringBuilder(method).append(' ').append(absolute ? "http://api.internal" : "")
                .append(origin).append(effectiveHttp10() ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n")
                .append("Host: api.internal\r\n");
        token.authorizations().forEach(v -> r.append("Authorization: ").append(v).append("\r\n"));
        extras.forEach(line -> r.append(line).append("\r\n"));
        if (effectiveHttp10() && keepAlive) {
            r.append("Connection: keep-alive\r\n");
        }
        switch (attack) {
            case CONNECTION_CONTENT_LENGTH -> r.append("Connection: Content-Length\r\n");
            case CONNECTION_TRANSFER_ENCODING -> r.append("Connection: Transfer-Encoding\r\n");
            case CONNECTION_HOST -> r.append("Connection: Host\r\n");
            case BARE_LF -> r.append("X-Bare: 1\n");
            case OBS_FOLD -> r.append("X-Folded: a\r\n  b\r\n");
            case DUPLICATE_HOST -> r.append("Host: other.internal\r\n");
            case SPACE_BEFORE_COLON -> r.append("X-Space : 1\r\n");
            default -> { }
        }
        String b = effectiveBody();
        switch (effectiveFraming()) {
            case LENGTH -> {
                r.append("Content-Length: ").append(attack == Attack.LEADING_ZEROS ? "000" : "").append(b.length())
                        .append("\r\n");
                if (attack == Attack.DUPLICATE_CONTENT_LENGTH) {
                    r.append("Content-Length: ").append(b.length()).append("\r\n");
                }
                r.append("\r\n").append(b);
            }
            case CHUNKED -> {
                r.append(attack == Attack.TRANSFER_ENCODING_LIST ? "Transfer-Encoding: gzip, chunked\r\n"
                        : "Transfer-Encoding: chunked\r\n");
                if (attack == Attack.CONTENT_LENGTH_AND_CHUNKED) {
                    r.append("Content-Length: ").append(b.length()).append("\r\n");
                }
                r.append("\r\n");
                int half = b.length() / 2;
                for (String chunk : new String[] {b.substring(0, half), b.substring(half)}) {
                    if (!chunk.isEmpty()) {
                        r.append(Integer.toHexString(chunk.length())).append(";ext=1\r\n").append(chunk).append("\r\n");
                    }
                }
                r.append("0\r\nX-Trailer: 1\r\n\r\n");
            }
            case NONE -> r.append("\r\n");
        }
        return r.toString();
    }

    /** What the contracts say this request must get. */
    Expectation expectation() {
        boolean trace = method.equals("TRACE");
        if (attack.malformed() || effectiveHttp10() && effectiveFraming() == Framing.CHUNKED) {
            return Expectation.refused(trace ? Set.of(400, 405) : Set.of(400));
        }
        Expectation e = Expectation.of(method, origin, token);
        // a Connection header naming framing or Host may be refused as malformed, before anything else is checked
        boolean mayBeRefused = attack == Attack.CONNECTION_CONTENT_LENGTH
                || attack == Attack.CONNECTION_TRANSFER_ENCODING || attack == Attack.CONNECTION_HOST;
        return mayBeRefused ? e.orStatus(400) : e;
    }

    @Override
    public String toString() {
        return Escape.of(render());
    }
}
