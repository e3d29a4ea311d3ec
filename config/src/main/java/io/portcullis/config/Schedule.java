package io.portcullis.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * When a rule is in force: on {@code days}, from {@code from} (inclusive) to {@code to} (exclusive), in the wall
 * clock of {@code zone}. A window whose {@code to} is not after {@code from} runs past midnight into the next day
 * and belongs to the day it starts on. Evaluated on the zone's wall clock, so daylight-saving changes move the
 * window with the clock, as a person reading the schedule expects.
 */
public record Schedule(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {
    public Schedule {
        days = Set.copyOf(days);
    }

    @Override
    public String toString() {
        return days.stream().sorted().map(d -> d.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT))
                .reduce((a, b) -> a + "," + b).orElse("") + " " + from + "-" + to + " " + zone;
    }
}
