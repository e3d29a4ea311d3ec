package io.portcullis.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the feed fixtures under {@code src/test/resources/feeds}. */
final class Fixtures {

    private Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FeedList parse(FeedFormat format, String name) throws MalformedFeedException {
        return FeedParser.parse(format, bytes(name), FeedParseOptions.DEFAULTS);
    }
}
