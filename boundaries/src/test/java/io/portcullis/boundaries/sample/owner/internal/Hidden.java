package io.portcullis.boundaries.sample.owner.internal;

/** Sample for the rule tests: the internal class of package {@code owner}. */
public final class Hidden {

    public static int value() {
        return 1;
    }
}
