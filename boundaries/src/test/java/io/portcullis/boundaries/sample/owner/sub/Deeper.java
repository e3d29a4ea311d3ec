package io.portcullis.boundaries.sample.owner.sub;

import io.portcullis.boundaries.sample.owner.internal.Hidden;

/** Sample for the rule tests: a subpackage of {@code owner}, which may use its internal package too. */
public final class Deeper {

    public static int value() {
        return Hidden.value();
    }
}
