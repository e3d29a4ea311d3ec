package io.portcullis.cli.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A time option: an ISO-8601 instant ({@code 2026-03-04T10:00:00Z}), or a date meaning its midnight in UTC. */
final class Times implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' (expected: an ISO-8601 instant such as "
                    + "2026-03-04T10:00:00Z, or a date such as 2026-03-04)");
        }
    }
}
