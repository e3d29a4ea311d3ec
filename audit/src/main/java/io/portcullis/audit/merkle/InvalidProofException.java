package io.portcullis.audit.merkle;

/** A proof that does not prove what it claims; the message says which check failed. */
public final class InvalidProofException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidProofException(String message) {
        super(message);
    }
}
