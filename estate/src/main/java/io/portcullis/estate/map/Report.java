package io.portcullis.estate.map;

import io.portcullis.estate.aws.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every {@link ReportEntry} of one import, sorted by category, then source, when read. */
public final class Report {

    private final List<ReportEntry> entries = new ArrayList<>();

    public void add(ReportEntry.Category category, String subject, String reason, Source source) {
        entries.add(new ReportEntry(category, subject, reason, source));
    }

    public List<ReportEntry> entries() {
        List<ReportEntry> out = new ArrayList<>(entries);
        out.sort(Comparator.comparing(ReportEntry::category).thenComparing(e -> e.source().file())
                .thenComparing(e -> e.source().pointer(), Report::pointerOrder).thenComparing(ReportEntry::subject));
        return out;
    }

    public long count(ReportEntry.Category category) {
        return entries.stream().filter(e -> e.category() == category).count();
    }

    /** Pointers compared segment by segment, numbers as numbers, so /x/10 comes after /x/9. */
    static int pointerOrder(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            if (x[i].matches("\\d{1,9}") && y[i].matches("\\d{1,9}")) {
                c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
