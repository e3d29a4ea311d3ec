package io.portcullis.feeds.internal;

import io.portcullis.feeds.FeedList;
import io.portcullis.feeds.FeedParser;
import io.portcullis.feeds.FeedSink;
import io.portcullis.feeds.FeedSource;
import io.portcullis.feeds.FeedSpec;
import io.portcullis.feeds.FeedStatus;
import io.portcullis.feeds.MalformedFeedException;
import io.portcullis.feeds.RefreshOutcome;
import io.portcullis.feeds.RefreshOutcome.Status;
import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * One feed's refresh: fetch, parse, hand to the sink, and remember what is in force. Content identical to the
 * list in force (by SHA-256) is reported unchanged and not handed to the sink again.
 *
 * <p>Confined to the refresher's single thread; only {@link #status()} is read from other threads, through a
 * volatile snapshot.
 */
public final class FeedTask {

    private final FeedSpec spec;
    private final Fetcher fetcher;
    private final FeedSink sink;
    private final Clock clock;
    private byte[] digestInForce;
    private int entriesInForce;
    private volatile FeedStatus status;
    private ScheduledFuture<?> next;

    public FeedTask(FeedSpec spec, HttpClient client, Duration requestTimeout, FeedSink sink, Clock clock) {
        this.spec = spec;
        this.sink = sink;
        this.clock = clock;
        long maxBytes = spec.options().maxBytes();
        this.fetcher = spec.source() instanceof FeedSource.Url url
                ? new HttpFetcher(client, url.uri(), requestTimeout, maxBytes)
                : new FileFetcher(((FeedSource.LocalFile) spec.source()).path(), maxBytes);
        this.status = new FeedStatus(spec.name(), 0, Optional.empty(), Optional.empty(), 0);
    }

    public FeedSpec spec() {
        return spec;
    }

    public FeedStatus status() {
        return status;
    }

    /** The next scheduled run, cancelled when a refresh is requested out of turn. */
    public ScheduledFuture<?> next() {
        return next;
    }

    public void next(ScheduledFuture<?> next) {
        this.next = next;
    }

    /** Refreshes once. Failures are outcomes; only closing the refresher (an interrupt) ends a refresh early. */
    public Result refresh() throws InterruptedException {
        byte[] content;
        try {
            Optional<byte[]> fetched = fetcher.fetch();
            if (fetched.isEmpty()) {
                return digestInForce == null ? failed(FeedMessages.notModifiedWithoutList()) : unchanged();
            }
            content = fetched.get();
        } catch (FetchFailure e) {
            return failed(e.getMessage());
        }
        byte[] digest = sha256(content);
        if (Arrays.equals(digest, digestInForce)) {
            fetcher.accepted();
            return unchanged();
        }
        FeedList list;
        try {
            list = FeedParser.parse(spec.format(), content, spec.options());
        } catch (MalformedFeedException e) {
            return failed(FeedMessages.malformed(e.getMessage()));
        }
        try {
            sink.replace(spec.name(), list.cidrs());
        } catch (RuntimeException e) {
            return failed(FeedMessages.sinkRefused(e));
        }
        fetcher.accepted();
        digestInForce = digest;
        entriesInForce = list.size();
        status = new FeedStatus(spec.name(), entriesInForce, Optional.of(clock.instant()), Optional.empty(), 0);
        return new Result(new RefreshOutcome(spec.name(), Status.UPDATED, list.size(), list.badLineCount(), ""), list);
    }

    private Result unchanged() {
        status = new FeedStatus(spec.name(), entriesInForce, Optional.of(clock.instant()), Optional.empty(), 0);
        return new Result(new RefreshOutcome(spec.name(), Status.UNCHANGED, entriesInForce, 0, ""), null);
    }

    private Result failed(String reason) {
        FeedStatus before = status;
        status = new FeedStatus(spec.name(), entriesInForce, before.lastSuccess(), Optional.of(reason),
                before.consecutiveFailures() + 1);
        return new Result(new RefreshOutcome(spec.name(), Status.FAILED, entriesInForce, 0, reason), null);
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** An outcome, with the accepted list when the feed was updated. */
    public record Result(RefreshOutcome outcome, FeedList list) {}
}
