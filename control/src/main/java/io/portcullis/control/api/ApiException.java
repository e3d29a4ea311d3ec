package io.portcullis.control.api;

/** A request refused with {@code status} and a precise message for the operator ({@code {"error": message}}). */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final transient Object body;

    ApiException(int status, String message) {
        this(status, message, null);
    }

    /** With a body other than {@code {"error": message}} (e.g. the problems of an invalid bundle). */
    ApiException(int status, String message, Object body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    Reply reply() {
        return body == null ? Reply.error(status, getMessage()) : Reply.json(status, body);
    }
}
