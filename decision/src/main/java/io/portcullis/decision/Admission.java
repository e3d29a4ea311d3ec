package io.portcullis.decision;

import static java.util.Objects.requireNonNull;

/**
 * The network layer's answer for one connection: the decision (which rule admitted it, or why it was denied)
 * and the resolved source that later layers use.
 */
public record Admission(Decision decision, Source source) {

    public Admission {
        requireNonNull(decision, "decision");
        requireNonNull(source, "source");
    }

    public boolean admitted() {
        return decision.allowed();
    }
}
