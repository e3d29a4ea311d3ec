package io.portcullis.boundaries.sample.owner;

import io.portcullis.boundaries.sample.owner.internal.Hidden;

/** Sample for the rule tests: the public face of package {@code owner}, which may use its internal package. */
public final class Facade {

    public static int value() {
        return Hidden.value();
    }
}
