package io.portcullis.engine.reference;

import java.util.List;

/**
 * A stream of choices drawn from a jqwik-generated list of integers, so that jqwik's shrinking of the list
 * (fewer, smaller numbers) shrinks the configuration built from it. Once the list is exhausted every choice is 0,
 * and the builders make 0 mean "the simplest option" (fewest items, no extras).
 */
public final class Genes {

    private final List<Integer> values;
    private int next;

    public Genes(List<Integer> values) {
        this.values = List.copyOf(values);
    }

    /** A choice in {@code [0, bound)}. */
    public int next(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound: " + bound + " (expected: > 0)");
        }
        return next < values.size() ? Math.floorMod(values.get(next++), bound) : 0;
    }

    /** True about once in {@code n} draws (never once exhausted). */
    public boolean oneIn(int n) {
        return next(n) == n - 1;
    }

    public <T> T pick(List<T> options) {
        return options.get(next(options.size()));
    }
}
