package io.portcullis.feeds;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/** Where a feed comes from: an http(s) URL or a local file. */
public sealed interface FeedSource {

    /** An {@code http} or {@code https} URL, fetched with a conditional GET. */
    static FeedSource url(URI uri) {
        return new Url(uri);
    }

    /** A local file, re-read on every refresh; an unchanged file (same content) is not re-applied. */
    static FeedSource file(Path path) {
        return new LocalFile(path);
    }

    /**
     * An http(s) URL. {@link #toString()} shows only scheme, host, port and path: a query string or user info may
     * carry an API key and is never logged.
     */
    record Url(URI uri) implements FeedSource {
        public Url {
            requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("url: '" + redact(uri) + "' (expected: an http or https URL)");
            }
        }

        @Override
        public String toString() {
            return redact(uri);
        }

        private static String redact(URI uri) {
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (uri.getHost() == null) {
                return uri.getScheme() == null ? "(relative)" : uri.getScheme() + ":...";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
        }
    }

    /** A local file. */
    record LocalFile(Path path) implements FeedSource {
        public LocalFile {
            requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }
}
