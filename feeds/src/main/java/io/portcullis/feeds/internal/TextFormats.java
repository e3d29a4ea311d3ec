package io.portcullis.feeds.internal;

import io.portcullis.feeds.FeedFormat;
import io.portcullis.feeds.FeedList;
import io.portcullis.feeds.FeedParseOptions;
import io.portcullis.feeds.MalformedFeedException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The line-oriented text formats: Spamhaus DROP ({@code ;} comments, {@code CIDR ; SBLnnnn}), FireHOL netset and
 * plain ({@code #} comments, one entry per line; plain also allows a comment after the entry).
 */
final class TextFormats {

    private static final Pattern SBL_ID = Pattern.compile("SBL[0-9]+");
    /** A JSON array's first line ({@code [}, {@code [{...}, {@code ["...}); not a bracketed IPv6 literal. */
    private static final Pattern JSON_ARRAY = Pattern.compile("\\[\\s*([{\"\\]].*)?");

    private TextFormats() {}

    static FeedList parse(FeedFormat format, FeedText text, FeedParseOptions options) throws MalformedFeedException {
        String comment = format == FeedFormat.SPAMHAUS_DROP ? ";" : "#";
        String first = firstContentLine(text.lines(), comment);
        if (first.startsWith("{") || JSON_ARRAY.matcher(first).matches()) {
            throw new MalformedFeedException(FeedMessages.json(format));
        }
        EntryCollector collector = new EntryCollector(options);
        List<String> lines = text.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith(comment)) {
                continue;
            }
            int number = i + 1;
            switch (format) {
                case SPAMHAUS_DROP -> dropLine(number, line, collector);
                case PLAIN -> singleEntry(number, stripTrailingComment(line), collector);
                default -> singleEntry(number, line, collector);
            }
        }
        return collector.finish(Optional.empty());
    }

    private static void dropLine(int number, String line, EntryCollector collector) {
        int semicolon = line.indexOf(';');
        if (semicolon < 0) {
            collector.bad(number, FeedMessages.expectedDropEntry(line));
            return;
        }
        String cidr = line.substring(0, semicolon).strip();
        String id = line.substring(semicolon + 1).strip();
        if (cidr.isEmpty() || hasWhitespace(cidr) || !SBL_ID.matcher(id).matches()) {
            collector.bad(number, FeedMessages.expectedDropEntry(line));
            return;
        }
        collector.entry(number, cidr);
    }

    private static void singleEntry(int number, String token, EntryCollector collector) {
        if (hasWhitespace(token)) {
            collector.bad(number, FeedMessages.expectedOneEntry(token));
        } else {
            collector.entry(number, token);
        }
    }

    private static String stripTrailingComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash).strip();
    }

    private static boolean hasWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String firstContentLine(List<String> lines, String comment) {
        for (String line : lines) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith(comment)) {
                return s;
            }
        }
        return "";
    }
}
