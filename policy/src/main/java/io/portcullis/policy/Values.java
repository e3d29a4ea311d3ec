package io.portcullis.policy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** Conversions of condition values shared by policy compilation and request values. */
final class Values {

    private Values() {}

    /** A decimal number (IAM numeric operators take integers and decimals), or NaN. */
    static double parseNumber(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 64) {
            return Double.NaN;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return Double.NaN;
            }
        }
        try {
            double d = Double.parseDouble(t);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * A date as epoch milliseconds: ISO 8601 ({@code 2020-01-01}, {@code 2020-01-01T12:00:00Z}, with an offset or
     * fraction; no zone means UTC) or epoch seconds ({@code 1577836800}); {@link Long#MIN_VALUE} when neither.
     */
    static long parseDate(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 40) {
            return Long.MIN_VALUE;
        }
        if (isEpochSeconds(t)) {
            try {
                return Math.multiplyExact(Long.parseLong(t), 1000L);
            } catch (ArithmeticException | NumberFormatException e) {
                return Long.MIN_VALUE;
            }
        }
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(t, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }

    private static boolean isEpochSeconds(String t) {
        int start = t.charAt(0) == '-' ? 1 : 0;
        if (start == t.length() || t.length() - start > 12) {
            return false;
        }
        for (int i = start; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The bytes of a base64 value, or null. */
    static byte[] parseBase64(String s) {
        try {
            return Base64.getDecoder().decode(s.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether {@code s} is an IAM boolean ({@code true} or {@code false}, any case). */
    static boolean isBoolean(String s) {
        return "true".equalsIgnoreCase(s) || "false".equalsIgnoreCase(s);
    }
}
