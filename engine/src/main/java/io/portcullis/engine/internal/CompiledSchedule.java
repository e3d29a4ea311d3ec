package io.portcullis.engine.internal;

import io.portcullis.config.Schedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A schedule evaluated on the zone's wall clock without allocating.
 *
 * <p>Design: the zone's UTC offset is constant between transitions, so we cache one immutable
 * {@link OffsetSpan} (offset and the epoch-second interval it holds for) in a volatile field and recompute it only
 * when a decision falls outside the span, i.e. about twice a year per zone. Local wall time is then epoch seconds
 * plus the offset; day of week and second of day follow by integer arithmetic. A window whose end is not after
 * its start runs past midnight and belongs to the day it starts on. On a spring-forward day the skipped wall
 * times never occur; on a fall-back day the repeated hour is in the window both times, as a wall clock reads.
 */
public final class CompiledSchedule {

    private final int dayMask;
    private final int fromSecond;
    private final int toSecond;
    private final ZoneRules rules;
    private final Schedule source;
    private volatile OffsetSpan span;

    record OffsetSpan(long fromEpochSecond, long untilEpochSecond, int offsetSeconds) {}

    public CompiledSchedule(Schedule schedule) {
        int mask = 0;
        for (DayOfWeek d : schedule.days()) {
            mask |= 1 << (d.getValue() - 1);
        }
        this.dayMask = mask;
        this.fromSecond = schedule.from().toSecondOfDay();
        this.toSecond = schedule.to().toSecondOfDay();
        this.rules = schedule.zone().getRules();
        this.source = schedule;
        this.span = spanAt(0);
    }

    public Schedule source() {
        return source;
    }

    /** Whether the schedule is in force at {@code epochMillis}. */
    public boolean activeAt(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        OffsetSpan s = span;
        if (second < s.fromEpochSecond || second >= s.untilEpochSecond) {
            s = spanAt(second);
            span = s;
        }
        long local = second + s.offsetSeconds;
        long day = Math.floorDiv(local, 86_400);
        int secondOfDay = (int) Math.floorMod(local, 86_400);
        int dow = (int) Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday; 0 = Monday
        if (fromSecond < toSecond) {
            return onDay(dow) && secondOfDay >= fromSecond && secondOfDay < toSecond;
        }
        return (onDay(dow) && secondOfDay >= fromSecond) || (onDay((dow + 6) % 7) && secondOfDay < toSecond);
    }

    private boolean onDay(int mondayZeroDow) {
        return (dayMask & (1 << mondayZeroDow)) != 0;
    }

    private OffsetSpan spanAt(long epochSecond) {
        if (rules.isFixedOffset()) {
            return new OffsetSpan(Long.MIN_VALUE, Long.MAX_VALUE, rules.getOffset(Instant.EPOCH).getTotalSeconds());
        }
        Instant at = Instant.ofEpochSecond(epochSecond);
        ZoneOffsetTransition prev = rules.previousTransition(at.plusSeconds(1));
        ZoneOffsetTransition next = rules.nextTransition(at);
        long from = prev == null ? Long.MIN_VALUE : prev.toEpochSecond();
        long until = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        return new OffsetSpan(from, until, rules.getOffset(at).getTotalSeconds());
    }
}
