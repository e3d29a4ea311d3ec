package io.portcullis.feeds.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.feeds.FeedList;
import io.portcullis.feeds.FeedMetadata;
import io.portcullis.feeds.FeedParseOptions;
import io.portcullis.feeds.MalformedFeedException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Spamhaus DROP JSON lines: one object per line with {@code cidr} (and {@code sblid}, {@code rir}), ending with
 * {@code {"type":"metadata",...,"records":N}}. A line cut short is a truncated feed, not a bad line; a missing
 * metadata line, data after it, or a record count that differs from the lines read rejects the feed.
 */
final class DropJsonFormat {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DropJsonFormat() {}

    static FeedList parse(FeedText text, FeedParseOptions options) throws MalformedFeedException {
        if (!text.firstNonBlank().isEmpty() && !text.firstNonBlank().startsWith("{")) {
            throw new MalformedFeedException(FeedMessages.notJsonLines());
        }
        EntryCollector collector = new EntryCollector(options);
        FeedMetadata metadata = null;
        List<String> lines = text.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int number = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (metadata != null) {
                throw new MalformedFeedException(FeedMessages.dataAfterMetadata(number));
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonEOFException e) {
                throw new MalformedFeedException(FeedMessages.truncatedJson(number));
            } catch (JsonProcessingException e) {
                collector.bad(number, FeedMessages.notJsonObject(line));
                continue;
            }
            if (node == null || !node.isObject()) {
                collector.bad(number, FeedMessages.notJsonObject(line));
            } else if ("metadata".equals(node.path("type").asText())) {
                metadata = metadata(number, node);
            } else if (node.path("cidr").isTextual()) {
                collector.entry(number, node.get("cidr").asText());
            } else {
                collector.bad(number, FeedMessages.noCidrField(line));
            }
        }
        if (metadata == null) {
            throw new MalformedFeedException(FeedMessages.noMetadata());
        }
        if (metadata.records().isPresent() && metadata.records().getAsLong() != collector.entryLines()) {
            throw new MalformedFeedException(
                    FeedMessages.recordCountMismatch(metadata.records().getAsLong(), collector.entryLines()));
        }
        return collector.finish(Optional.of(metadata));
    }

    private static FeedMetadata metadata(int number, JsonNode node) throws MalformedFeedException {
        OptionalLong records = OptionalLong.empty();
        JsonNode r = node.get("records");
        if (r != null) {
            if (!r.canConvertToExactIntegral() || r.asLong() < 0) {
                throw new MalformedFeedException(FeedMessages.badMetadata(number, "has 'records' that is not a count"));
            }
            records = OptionalLong.of(r.asLong());
        }
        JsonNode t = node.get("timestamp");
        Optional<Instant> timestamp = t != null && t.canConvertToExactIntegral()
                ? Optional.of(Instant.ofEpochSecond(t.asLong())) : Optional.empty();
        JsonNode s = node.get("size");
        OptionalLong size = s != null && s.canConvertToExactIntegral() ? OptionalLong.of(s.asLong()) : OptionalLong.empty();
        return new FeedMetadata(records, timestamp, size, node.path("copyright").asText(""));
    }
}
