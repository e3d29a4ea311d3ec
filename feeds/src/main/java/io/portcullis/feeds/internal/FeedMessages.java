package io.portcullis.feeds.internal;

import io.portcullis.feeds.FeedFormat;

/** Every reason the feeds package gives, in one place so that tests can assert them exactly. */
public final class FeedMessages {

    private static final int EXCERPT = 60;

    private FeedMessages() {}

    // Whole-feed rejections.

    public static String tooLarge(long limit) {
        return "larger than the limit of " + limit + " bytes";
    }

    public static String binary() {
        return "binary content (NUL byte), not a text feed";
    }

    public static String html(FeedFormat format) {
        return "content is HTML or XML, not a " + format + " feed";
    }

    public static String json(FeedFormat format) {
        return "content is JSON, not a " + format + " feed";
    }

    public static String notJsonLines() {
        return "content is not JSON lines, not a spamhaus-drop-json feed";
    }

    public static String empty() {
        return "no entries";
    }

    public static String tooManyBad(int bad, int entryLines, double maxFraction) {
        return bad + " of " + entryLines + " entry lines are bad (more than " + percent(maxFraction) + ")";
    }

    public static String truncatedJson(int line) {
        return "line " + line + ": truncated JSON";
    }

    public static String noMetadata() {
        return "no metadata line at the end (truncated?)";
    }

    public static String dataAfterMetadata(int line) {
        return "line " + line + ": data after the metadata line";
    }

    public static String recordCountMismatch(long claimed, int found) {
        return "metadata says " + claimed + " records, found " + found;
    }

    public static String badMetadata(int line, String what) {
        return "line " + line + ": metadata line " + what;
    }

    // Refresh failures (never with the feed's URL: a query string may carry an API key).

    public static String malformed(String reason) {
        return "malformed: " + reason;
    }

    public static String httpStatus(int status) {
        return "HTTP " + status;
    }

    public static String notModifiedWithoutList() {
        return "HTTP 304 Not Modified but no list was ever accepted";
    }

    public static String timedOut() {
        return "timed out";
    }

    public static String connectTimedOut() {
        return "connect timed out";
    }

    public static String io(Throwable e) {
        String message = e.getMessage();
        return "I/O error: " + e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    public static String fileNotFound() {
        return "file not found";
    }

    public static String interrupted() {
        return "interrupted";
    }

    public static String sinkRefused(RuntimeException e) {
        return "the sink refused the list: " + e.getClass().getSimpleName();
    }

    // Bad lines.

    public static String notAddress(String text) {
        return "not an IP address or CIDR: '" + excerpt(text) + "'";
    }

    public static String matchesEverything(String text) {
        return "a /0 prefix would block every address: '" + excerpt(text) + "'";
    }

    public static String expectedDropEntry(String text) {
        return "expected 'CIDR ; SBLnnnn': '" + excerpt(text) + "'";
    }

    public static String expectedOneEntry(String text) {
        return "expected one address or CIDR: '" + excerpt(text) + "'";
    }

    public static String notJsonObject(String text) {
        return "not a JSON object: '" + excerpt(text) + "'";
    }

    public static String noCidrField(String text) {
        return "expected an object with a string 'cidr': '" + excerpt(text) + "'";
    }

    static String excerpt(String text) {
        String oneLine = text.strip();
        return oneLine.length() <= EXCERPT ? oneLine : oneLine.substring(0, EXCERPT) + "...";
    }

    private static String percent(double fraction) {
        double p = fraction * 100;
        return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
    }
}
