package io.portcullis.feeds.internal;

import io.portcullis.feeds.FeedFormat;
import io.portcullis.feeds.FeedList;
import io.portcullis.feeds.FeedParseOptions;
import io.portcullis.feeds.MalformedFeedException;

/** The checks every format shares (size, binary, HTML), then the format's own reader. */
public final class FeedParsing {

    private FeedParsing() {}

    public static FeedList parse(FeedFormat format, byte[] content, FeedParseOptions options)
            throws MalformedFeedException {
        if (content.length > options.maxBytes()) {
            throw new MalformedFeedException(FeedMessages.tooLarge(options.maxBytes()));
        }
        FeedText text = FeedText.decode(content);
        if (text.firstNonBlank().startsWith("<")) {
            throw new MalformedFeedException(FeedMessages.html(format));
        }
        return format == FeedFormat.SPAMHAUS_DROP_JSON
                ? DropJsonFormat.parse(text, options)
                : TextFormats.parse(format, text, options);
    }
}
