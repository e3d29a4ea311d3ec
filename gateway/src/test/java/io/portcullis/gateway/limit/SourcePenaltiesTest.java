package io.portcullis.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The penalty box on a fake clock: the budget, the doubling, the probation after a penalty, forgetting sources. */
class SourcePenaltiesTest {

    private static final long MS = 1_000_000L;

    @Test
    void aSourcePastItsBudgetSitsOutAPenaltyThatDoublesWithEachStrikeWithinAMinute() {
        SourcePenalties penalties = new SourcePenalties();
        long t = System.nanoTime();
        SourcePenalties.Standing s = penalties.of("workload:x", t);
        for (int i = 0; i < SourcePenalties.BURST; i++) {
            assertThat(s.charge(t)).isTrue();
        }
        assertThat(s.charge(t)).as("the budget is spent").isFalse();
        assertThat(penalties.penalized("workload:x", t + (SourcePenalties.FIRST_PENALTY_MILLIS - 1) * MS)).isTrue();
        assertThat(penalties.penalized("workload:x", t + SourcePenalties.FIRST_PENALTY_MILLIS * MS)).isFalse();
        long served = t + SourcePenalties.FIRST_PENALTY_MILLIS * MS;
        assertThat(s.charge(served)).as("a served penalty leaves the budget empty: on probation").isFalse();
        long later = t + 10_000 * MS;
        assertThat(s.charge(later)).as("the budget refills after the penalty").isTrue();
        s.strike(later);
        assertThat(penalties.penalized("workload:x", later + (4 * SourcePenalties.FIRST_PENALTY_MILLIS - 1) * MS))
                .as("the third strike within a minute doubles the penalty again").isTrue();
        assertThat(penalties.penalized("workload:y", later)).as("another source").isFalse();
    }

    @Test
    void theBudgetRefillsAndPenaltiesAreCapped() {
        long t = System.nanoTime();
        SourcePenalties.Standing s = new SourcePenalties().of("address:10.0.0.1", t);
        for (int i = 0; i < SourcePenalties.BURST; i++) {
            s.charge(t);
        }
        assertThat(s.charge(t + 1000 * MS / SourcePenalties.PER_SECOND)).as("one token refilled").isTrue();
        for (int i = 0; i < 20; i++) {
            s.strike(t);
        }
        assertThat(s.penalized(t + (SourcePenalties.MAX_PENALTY_MILLIS - 1) * MS)).isTrue();
        assertThat(s.penalized(t + SourcePenalties.MAX_PENALTY_MILLIS * MS)).as("never longer than the cap").isFalse();
    }

    @Test
    void forgetsSourcesInGoodStanding() {
        SourcePenalties penalties = new SourcePenalties();
        long t = System.nanoTime();
        penalties.of("workload:good", t).charge(t);
        penalties.of("workload:bad", t).strike(t);
        penalties.sweep(t + 5_000 * MS);
        assertThat(penalties.size()).as("the struck one is remembered").isEqualTo(1);
        penalties.sweep(t + 61_000 * MS);
        assertThat(penalties.size()).isZero();
    }
}
