package io.portcullis.analysis.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.analysis.findings.InputTree;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Review sheets read back exactly what was written, as CSV and as JSON, whatever the cells hold: commas, quotes,
 * CR and LF, leading blanks and quotes, and the prefixes spreadsheets run as formulas ({@code = + - @}, tab, CR),
 * which the CSV never writes at the start of a cell.
 */
class SheetRoundTripProperties {

    private static final String HOSTILE = ",\"'\r\n\t =+-@;|a1ü ";

    @Property(tries = 300)
    void csvReadsBackEveryRow(@ForAll("rows") List<ReviewRow> rows) {
        assertThat(SheetCsv.read("sheet.csv", SheetCsv.write(rows))).isEqualTo(rows);
    }

    @Property(tries = 300)
    void jsonReadsBackTheWholeSheet(@ForAll("rows") List<ReviewRow> rows) {
        ReviewSheet sheet = new ReviewSheet("sha256:00", Instant.parse("2026-12-07T00:00:00Z"), Duration.ofDays(90),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")), rows);
        assertThat(SheetJson.read(InputTree.parse("sheet.json", SheetJson.write(sheet)))).isEqualTo(sheet);
    }

    @Property(tries = 300)
    void noWrittenCellStartsAsAFormula(@ForAll("cells") String cell) {
        String written = SheetCsv.neutralized(cell);
        assertThat(written.isEmpty() || "=+-@\t\r".indexOf(written.charAt(0)) < 0).as(written).isTrue();
    }

    @Example
    void aFormulaInANoteIsWrittenAsTextAndReadBackAsItWas() {
        ReviewRow row = new ReviewRow(new Membership(Membership.Kind.WORKLOAD, "w-1", "111111111111/sg-a"), List.of("orders"),
                Optional.empty(), Choice.KEEP, Choice.REMOVE, "=HYPERLINK(\"http://x.invalid\",\"click\")");
        String csv = SheetCsv.write(List.of(row));
        assertThat(csv).endsWith(",keep,remove,\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"click\"\")\"\r\n");
        assertThat(SheetCsv.read("sheet.csv", csv)).containsExactly(row);
    }

    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.strings().withChars(HOSTILE).ofMaxLength(12);
    }

    @Provide
    Arbitrary<List<ReviewRow>> rows() {
        Arbitrary<String> id = Arbitraries.strings().withChars(HOSTILE).ofMinLength(1).ofMaxLength(10).filter(s -> !s.isBlank());
        Arbitrary<String> api = Arbitraries.strings().withChars("abc-=+@'\" ,\n").ofMinLength(1).ofMaxLength(6).filter(s -> !s.isBlank());
        Arbitrary<Optional<Instant>> last = Arbitraries.longs().between(0, 4_000_000_000L)
                .map(s -> Instant.ofEpochSecond(s)).optional();
        Arbitrary<ReviewRow> row = Combinators.combine(Arbitraries.of(Membership.Kind.class), id, id, api.list().ofMaxSize(3),
                last, Arbitraries.of(Choice.class), Arbitraries.of(Choice.class), cells())
                .as((k, m, g, apis, l, p, d, note) -> new ReviewRow(new Membership(k, m, g), apis, l, p, d, note));
        return row.list().ofMaxSize(5);
    }
}
