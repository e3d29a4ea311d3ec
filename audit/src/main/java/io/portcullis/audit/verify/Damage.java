package io.portcullis.audit.verify;

/** The kinds of damage {@link AuditVerifier} tells apart. */
public enum Damage {
    /** A record's bytes changed (its checksum fails), or records no longer match a signed checkpoint. */
    MODIFIED,
    /** Records are missing from the middle of the log. */
    DELETED,
    /** A record is present that the log never wrote in that place (a duplicate or forgery). */
    INSERTED,
    /** Records are present but out of order. */
    REORDERED,
    /** Records a signed checkpoint covers are missing from the end of the log. */
    TRUNCATED,
    /** The last segment ends inside a record that no checkpoint covers: a crash interrupted a write. */
    TORN_TAIL,
    /** Records exist but no signed checkpoint covers any of them: nothing proves they are the gateway's. */
    UNSIGNED,
    /** A checkpoint's signature does not verify with the key. */
    BAD_SIGNATURE,
    /** A checkpoint line is malformed, or two checkpoints contradict each other. */
    BAD_CHECKPOINT,
    /**
     * No checkpoint verifies with the key, and every one names another key: the log was signed with a different key
     * (or all of it was re-signed by someone else), so nothing in it can be checked with this one.
     */
    WRONG_KEY,
    /** What a log consists of is not there: no segment files (and no checkpoints: no log at all). */
    MISSING
}
