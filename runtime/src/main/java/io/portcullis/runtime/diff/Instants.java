package io.portcullis.runtime.diff;

import io.portcullis.config.IngressRule;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.Schedule;
import io.portcullis.config.SecurityGroup;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The instants at which a diff evaluates both plans: {@code at}, then every instant where a rule of either plan
 * starts or stops being in force: its expiry, and its schedule's window boundaries within a week of {@code at} (a
 * window starts inclusive and ends exclusive, so each boundary is the first instant of a period in which every
 * decision is constant). Between two consecutive instants no network decision of either plan changes, so deciding
 * at each one decides every moment from {@code at} on (for schedules, within the week; a schedule repeats weekly).
 */
final class Instants {

    static final Duration HORIZON = Duration.ofDays(7);
    /** At most this many instants are evaluated; the diff notes when the rest were left out. */
    static final int CAP = 64;

    private Instants() {}

    static List<Instant> of(List<PortcullisConfig> configs, Instant at, List<String> notes) {
        TreeSet<Instant> out = new TreeSet<>();
        out.add(at);
        Instant end = at.plus(HORIZON);
        for (PortcullisConfig c : configs) {
            for (SecurityGroup g : c.securityGroups()) {
                for (IngressRule r : g.ingress()) {
                    r.expires().filter(e -> e.isAfter(at)).ifPresent(out::add);
                    r.schedule().ifPresent(s -> boundaries(s, at, end, out));
                }
            }
        }
        List<Instant> all = new ArrayList<>(out);
        if (all.size() > CAP) {
            notes.add("time: " + all.size() + " instants where a rule starts or stops; evaluated at the first " + CAP
                    + " (until " + all.get(CAP - 1) + ")");
            return List.copyOf(all.subList(0, CAP));
        }
        return List.copyOf(all);
    }

    /** Whether a rule of {@code configs} has a schedule (then periods after the week repeat weekly). */
    static boolean scheduled(List<PortcullisConfig> configs) {
        return configs.stream().flatMap(c -> c.securityGroups().stream()).flatMap(g -> g.ingress().stream())
                .anyMatch(r -> r.schedule().isPresent());
    }

    private static void boundaries(Schedule s, Instant at, Instant end, TreeSet<Instant> out) {
        LocalDate day = at.atZone(s.zone()).toLocalDate().minusDays(1);
        for (int i = 0; i <= 8; i++, day = day.plusDays(1)) {
            if (!s.days().contains(day.getDayOfWeek())) {
                continue;
            }
            Instant from = ZonedDateTime.of(day, s.from(), s.zone()).toInstant();
            Instant to = ZonedDateTime.of(s.to().isAfter(s.from()) ? day : day.plusDays(1), s.to(), s.zone()).toInstant();
            for (Instant t : List.of(from, to)) {
                if (t.isAfter(at) && !t.isAfter(end)) {
                    out.add(t);
                }
            }
        }
    }
}
