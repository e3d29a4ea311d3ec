package io.portcullis.decision;

/** The outcome of a decision. There is no "unknown": anything a layer cannot decide is {@link #DENY}. */
public enum Verdict {
    ALLOW,
    DENY;

    public boolean allowed() {
        return this == ALLOW;
    }
}
