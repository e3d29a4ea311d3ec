package io.portcullis.boundaries.sample.other;

import io.portcullis.boundaries.sample.owner.Facade;
import io.portcullis.boundaries.sample.owner.internal.Hidden;

/** Sample for the rule tests: another package that reaches into {@code owner}'s internal package. */
public final class Leak {

    public static int value() {
        return Facade.value() + Hidden.value();
    }
}
