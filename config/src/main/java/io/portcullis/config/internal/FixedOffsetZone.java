package io.portcullis.config.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The warning for a schedule whose zone is a fixed offset ({@code GMT+1}, {@code +01:00}, {@code UTC+1}): Java
 * accepts these, but they never move, so a window written for Paris office hours is an hour off for the seven months
 * of summer time. UTC itself and the explicit {@code Etc/GMT±N} ids are taken as meant and not warned about.
 */
final class FixedOffsetZone {

    /** A region with daylight saving for common standard offsets, to show what a region id looks like. */
    private static final Map<Integer, String> EXAMPLES = Map.ofEntries(
            Map.entry(-9 * 3600, "America/Anchorage"),
            Map.entry(-8 * 3600, "America/Los_Angeles"), Map.entry(-7 * 3600, "America/Denver"),
            Map.entry(-6 * 3600, "America/Chicago"), Map.entry(-5 * 3600, "America/New_York"),
            Map.entry(-4 * 3600, "America/Halifax"),
            Map.entry(3600, "Europe/Paris"), Map.entry(2 * 3600, "Europe/Athens"),
            Map.entry(9 * 3600 + 1800, "Australia/Adelaide"), Map.entry(10 * 3600, "Australia/Sydney"),
            Map.entry(12 * 3600, "Pacific/Auckland"));

    private FixedOffsetZone() {}

    /** What to warn about {@code zone} (written as {@code written}), or null when it follows its region's clock. */
    static String warning(String written, ZoneId zone) {
        if (!zone.getRules().isFixedOffset() || zone.getId().startsWith("Etc/")) {
            return null;
        }
        ZoneOffset offset = zone.getRules().getOffset(Instant.EPOCH);
        if (offset.getTotalSeconds() == 0) {
            return null;
        }
        int hours = offset.getTotalSeconds() / 3600;
        String fixed = offset.getTotalSeconds() % 3600 == 0 && hours >= -12 && hours <= 14
                ? "; or Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours) + " if a fixed offset is meant" : "";
        String example = EXAMPLES.get(offset.getTotalSeconds());
        return "'" + written + "' is a fixed offset, UTC" + offset.getId() + " all year: the window does not follow "
                + "daylight saving (expected: a region id" + (example == null ? " (Area/City)" : " such as " + example)
                + ", whose clock does" + fixed + ")";
    }
}
