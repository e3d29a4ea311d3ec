package io.portcullis.policy;

/** A statement's {@code Effect}. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String json;

    Effect(String json) {
        this.json = json;
    }

    /** The spelling in policy JSON ({@code Allow}, {@code Deny}). */
    public String json() {
        return json;
    }
}
