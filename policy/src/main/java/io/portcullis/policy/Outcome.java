package io.portcullis.policy;

/** The result of evaluating policies: an explicit deny beats an allow, which beats the implicit (default) deny. */
public enum Outcome {
    ALLOW("Allow"),
    EXPLICIT_DENY("ExplicitDeny"),
    IMPLICIT_DENY("ImplicitDeny");

    private final String json;

    Outcome(String json) {
        this.json = json;
    }

    /** {@code Allow}, {@code ExplicitDeny} or {@code ImplicitDeny}, as the simulator prints it. */
    public String json() {
        return json;
    }
}
