package io.portcullis.runtime.assurance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Expected against observed for every cell of an {@link IsolationMatrix}, with the rule that should decide each.
 * A cell fails when the gateway let a caller of one tenant into another tenant's API (whatever the plan says: a
 * cross-tenant success is never expected), or when what happened differs from what the plan decides (admitted
 * where the engine denies, refused where it admits, or no connection at all). A cell the machine cannot play is
 * reported as not played and neither passes nor fails.
 */
public record TruthTable(List<Row> rows) {

    public TruthTable {
        rows = List.copyOf(rows);
    }

    /** How a cell came out. */
    public enum Verdict {
        PASS, CROSS_TENANT, DIFFERS, NOT_PLAYED;

        public String text() {
            return switch (this) {
                case PASS -> "pass";
                case CROSS_TENANT -> "FAIL cross-tenant success";
                case DIFFERS -> "FAIL differs";
                case NOT_PLAYED -> "not played";
            };
        }
    }

    public record Row(IsolationMatrix.Cell cell, Observation observed, Verdict verdict) {

        public String expected() {
            return cell.admitted() ? "admit" : "deny";
        }
    }

    /** Plays every cell of {@code matrix} with {@code play} and judges it. */
    public static TruthTable run(IsolationMatrix matrix, Function<IsolationMatrix.Cell, Observation> play) {
        List<Row> rows = new ArrayList<>();
        for (IsolationMatrix.Cell cell : matrix.cells()) {
            Observation o = play.apply(cell);
            rows.add(new Row(cell, o, judge(cell, o)));
        }
        return new TruthTable(rows);
    }

    static Verdict judge(IsolationMatrix.Cell cell, Observation o) {
        if (!o.played()) {
            return Verdict.NOT_PLAYED;
        }
        if (o.networkAdmitted() && cell.crossTenant()) {
            return Verdict.CROSS_TENANT;
        }
        boolean agrees = o.status() != Observation.FAILED && o.networkAdmitted() == cell.admitted();
        return agrees ? Verdict.PASS : Verdict.DIFFERS;
    }

    public List<Row> failures() {
        return rows.stream().filter(r -> r.verdict() == Verdict.CROSS_TENANT || r.verdict() == Verdict.DIFFERS).toList();
    }

    /** Cells where a caller got in that the plan or the tenant line says must not (what raises an alert). */
    public List<Row> unexpectedAdmissions() {
        return rows.stream().filter(r -> r.observed().networkAdmitted()
                && (r.cell().crossTenant() || !r.cell().admitted())).toList();
    }

    public boolean passed() {
        return failures().isEmpty();
    }

    public long count(Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }

    /** One line of counts: "36 cells: 35 pass, 1 fail (1 cross-tenant, 0 differ), 0 not played". */
    public String summary() {
        long cross = count(Verdict.CROSS_TENANT);
        long differ = count(Verdict.DIFFERS);
        return rows.size() + " cells: " + count(Verdict.PASS) + " pass, " + (cross + differ) + " fail (" + cross
                + " cross-tenant, " + differ + " differ), " + count(Verdict.NOT_PLAYED) + " not played";
    }

    /** The table as aligned text, one cell a line, then the summary. */
    public String render() {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"POSITION", "TENANT", "API", "API TENANT", "EXPECTED", "OBSERVED", "VERDICT", "RULE"});
        for (Row r : rows) {
            IsolationMatrix.Cell c = r.cell();
            lines.add(new String[] {c.position().label(), c.position().tenant(), c.api().api(),
                    c.api().tenant() == null ? "-" : c.api().tenant(), r.expected(), r.observed().toString(),
                    r.verdict().text(), c.rule()});
        }
        int[] width = new int[8];
        for (String[] l : lines) {
            for (int i = 0; i < l.length - 1; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                out.append(i < l.length - 1 ? String.format("%-" + (width[i] + 2) + "s", l[i]) : l[i]);
            }
            out.append('\n');
        }
        return out.append(summary()).append('\n').toString();
    }
}
