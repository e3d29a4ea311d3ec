package io.portcullis.feeds;

import static io.portcullis.feeds.Fixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.feeds.RefreshOutcome.Status;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedRefresherTest {

    private static final Duration HOURLY = Duration.ofHours(1);
    private static final List<String> DROP_V4 = List.of("192.0.2.0/25", "192.0.2.128/26", "198.51.100.0/24",
            "203.0.113.0/28", "203.0.113.64/27");

    private final Recorder recorder = new Recorder();
    private FeedServer server;
    private FeedRefresher refresher;

    @TempDir
    Path dir;

    @BeforeEach
    void startServer() throws Exception {
        server = new FeedServer();
    }

    @AfterEach
    void stop() {
        if (refresher != null) {
            refresher.close();
        }
        server.close();
    }

    private FeedSpec dropJson() {
        return FeedSpec.of("spamhaus-drop-v4", FeedSource.url(server.uri("/drop/drop_v4.json")),
                FeedFormat.SPAMHAUS_DROP_JSON, HOURLY);
    }

    private FeedRefresher.Builder builder() {
        return FeedRefresher.builder(recorder).listener(recorder);
    }

    @Test
    void firstLoadPutsEveryListInForceBeforeStartReturns() throws Exception {
        Path file = dir.resolve("drop.txt");
        Files.write(file, bytes("drop.txt"));
        server.serve(bytes("drop_v4.json"), "\"v1\"");
        refresher = builder().feed(dropJson())
                .feed(FeedSpec.of("local", FeedSource.file(file), FeedFormat.SPAMHAUS_DROP, HOURLY)).build();

        List<RefreshOutcome> outcomes = refresher.startAndAwaitFirstLoad();

        assertThat(outcomes).containsExactly(
                new RefreshOutcome("spamhaus-drop-v4", Status.UPDATED, 5, 0, ""),
                new RefreshOutcome("local", Status.UPDATED, 7, 0, ""));
        assertThat(recorder.replaced).containsExactly(
                new Recorder.Replaced("spamhaus-drop-v4", DROP_V4),
                new Recorder.Replaced("local", Fixtures.parse(FeedFormat.SPAMHAUS_DROP, "drop.txt").cidrs()));
        assertThat(recorder.events).containsExactly("success spamhaus-drop-v4 5 0", "success local 7 0");
        assertThat(refresher.status("local").entries()).isEqualTo(7);
    }

    @Test
    void sendsTheEtagBackAndTreatsNotModifiedAsUnchanged() throws Exception {
        server.serve(bytes("drop_v4.json"), "\"v1\"");
        refresher = builder().feed(dropJson()).build();

        assertThat(refresher.refreshNow("spamhaus-drop-v4").get().status()).isEqualTo(Status.UPDATED);
        RefreshOutcome second = refresher.refreshNow("spamhaus-drop-v4").get();

        assertThat(second).isEqualTo(new RefreshOutcome("spamhaus-drop-v4", Status.UNCHANGED, 5, 0, ""));
        assertThat(server.requests.take().ifNoneMatch()).isNull();
        FeedServer.Request conditional = server.requests.take();
        assertThat(conditional.ifNoneMatch()).isEqualTo("\"v1\"");
        assertThat(conditional.ifModifiedSince()).isEqualTo("Tue, 14 Jan 2025 09:32:11 GMT");
        assertThat(recorder.replaced).hasSize(1);
        assertThat(recorder.events).containsExactly("success spamhaus-drop-v4 5 0");
    }

    @Test
    void serverErrorKeepsThePreviousListAndReportsTheFailure() throws Exception {
        server.serve(bytes("drop_v4.json"), "\"v1\"");
        refresher = builder().feed(dropJson()).build();
        refresher.refreshNow("spamhaus-drop-v4").get();

        server.answer(500);
        RefreshOutcome failed = refresher.refreshNow("spamhaus-drop-v4").get();

        assertThat(failed).isEqualTo(new RefreshOutcome("spamhaus-drop-v4", Status.FAILED, 5, 0, "HTTP 500"));
        assertThat(recorder.replaced).hasSize(1);
        assertThat(recorder.events).containsExactly("success spamhaus-drop-v4 5 0", "failure spamhaus-drop-v4 HTTP 500");
        FeedStatus status = refresher.status("spamhaus-drop-v4");
        assertThat(status.entries()).isEqualTo(5);
        assertThat(status.lastFailure()).contains("HTTP 500");
        assertThat(status.consecutiveFailures()).isEqualTo(1);
        assertThat(status.lastSuccess()).isPresent();
    }

    @Test
    void malformedContentKeepsThePreviousListAndItsValidators() throws Exception {
        server.serve(bytes("drop_v4.json"), "\"v1\"");
        refresher = builder().feed(dropJson()).build();
        refresher.refreshNow("spamhaus-drop-v4").get();

        server.serve(bytes("error-page.html"), "\"html\"");
        RefreshOutcome html = refresher.refreshNow("spamhaus-drop-v4").get();
        server.serve(bytes("drop_v4-count-mismatch.json"), "\"v2\"");
        RefreshOutcome mismatch = refresher.refreshNow("spamhaus-drop-v4").get();

        assertThat(html.reason()).isEqualTo("malformed: content is HTML or XML, not a spamhaus-drop-json feed");
        assertThat(mismatch.reason()).isEqualTo("malformed: metadata says 5 records, found 3");
        assertThat(recorder.replaced).containsExactly(new Recorder.Replaced("spamhaus-drop-v4", DROP_V4));
        server.requests.take();
        assertThat(server.requests.take().ifNoneMatch()).isEqualTo("\"v1\"");
        assertThat(server.requests.take().ifNoneMatch()).as("a rejected response's ETag is never sent back")
                .isEqualTo("\"v1\"");
    }

    @Test
    void aDownloadOverTheSizeLimitIsRejected() throws Exception {
        server.serve(bytes("drop_v4.json"), "\"v1\"");
        refresher = builder().feed(dropJson().withOptions(FeedParseOptions.DEFAULTS.withMaxBytes(200))).build();

        RefreshOutcome outcome = refresher.refreshNow("spamhaus-drop-v4").get();

        assertThat(outcome.reason()).isEqualTo("malformed: larger than the limit of 200 bytes");
        assertThat(recorder.replaced).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            URI silent = URI.create("http://127.0.0.1:" + blackHole.getLocalPort() + "/drop.txt");
            refresher = builder().requestTimeout(Duration.ofMillis(300))
                    .feed(FeedSpec.of("silent", FeedSource.url(silent), FeedFormat.SPAMHAUS_DROP, HOURLY)).build();

            assertThat(refresher.refreshNow("silent").get().reason()).isEqualTo("timed out");
        }
    }

    @Test
    void notModifiedBeforeAnyListIsAFailure() throws Exception {
        server.answer(304);
        refresher = builder().feed(dropJson()).build();

        assertThat(refresher.refreshNow("spamhaus-drop-v4").get().reason())
                .isEqualTo("HTTP 304 Not Modified but no list was ever accepted");
    }

    @Test
    void aFailedFirstLoadIsRetriedSoonerThanTheRefreshInterval() throws Exception {
        server.answer(503);
        refresher = builder().failureRetry(Duration.ofMillis(50)).feed(dropJson()).build();

        refresher.start();
        assertThat(recorder.nextEvent()).isEqualTo("failure spamhaus-drop-v4 HTTP 503");
        server.serve(bytes("drop_v4.json"), "\"v1\"");

        assertThat(recorder.nextReplaced().cidrs()).isEqualTo(DROP_V4);
    }

    @Test
    void picksUpAChangedFile() throws Exception {
        Path file = dir.resolve("blocked.txt");
        Files.writeString(file, "192.0.2.1\n");
        refresher = builder().feed(FeedSpec.of("ops", FeedSource.file(file), FeedFormat.PLAIN, Duration.ofMillis(20)))
                .build();
        refresher.start();
        assertThat(recorder.nextReplaced().cidrs()).containsExactly("192.0.2.1/32");

        Path next = dir.resolve("blocked.txt.new");
        Files.writeString(next, "192.0.2.1\n198.51.100.0/24\n");
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        assertThat(recorder.nextReplaced().cidrs()).containsExactly("192.0.2.1/32", "198.51.100.0/24");
    }

    @Test
    void anUnchangedFileIsNotHandedOverAgain() throws Exception {
        Path file = dir.resolve("blocked.txt");
        Files.writeString(file, "192.0.2.1\n");
        refresher = builder().feed(FeedSpec.of("ops", FeedSource.file(file), FeedFormat.PLAIN, HOURLY)).build();

        refresher.refreshNow("ops").get();
        Files.writeString(file, "192.0.2.1\n");
        RefreshOutcome again = refresher.refreshNow("ops").get();

        assertThat(again).isEqualTo(new RefreshOutcome("ops", Status.UNCHANGED, 1, 0, ""));
        assertThat(recorder.replaced).hasSize(1);
    }

    @Test
    void aMissingFileIsAFailure() throws Exception {
        refresher = builder().feed(FeedSpec.of("ops", FeedSource.file(dir.resolve("nope.txt")), FeedFormat.PLAIN,
                HOURLY)).build();

        assertThat(refresher.refreshNow("ops").get().reason()).isEqualTo("file not found");
    }

    @Test
    void aSinkThatThrowsRefusesTheList() throws Exception {
        server.serve(bytes("drop_v4.json"), "\"v1\"");
        refresher = FeedRefresher.builder((name, cidrs) -> {
            throw new IllegalStateException("blocklist closed");
        }).listener(recorder).feed(dropJson()).build();

        RefreshOutcome outcome = refresher.refreshNow("spamhaus-drop-v4").get();

        assertThat(outcome.reason()).isEqualTo("the sink refused the list: IllegalStateException");
        assertThat(refresher.status("spamhaus-drop-v4").entries()).isZero();
    }

    @Test
    void neverReportsTheUrlWhichMayCarryAKey() throws Exception {
        server.answer(500);
        FeedSpec spec = FeedSpec.of("keyed", FeedSource.url(server.uri("/feed.txt?key=s3cret")), FeedFormat.PLAIN,
                HOURLY);
        refresher = builder().feed(spec).build();

        RefreshOutcome outcome = refresher.refreshNow("keyed").get();

        assertThat(outcome.reason()).isEqualTo("HTTP 500");
        assertThat(spec.source().toString()).isEqualTo(server.uri("/feed.txt").toString()).doesNotContain("s3cret");
    }

    @Test
    void rejectsUnknownFeedsDuplicatesAndOtherSchemes() {
        refresher = builder().feed(dropJson()).build();
        assertThatThrownBy(() -> refresher.refreshNow("other"))
                .hasMessage("feed: 'other' (expected: one of [spamhaus-drop-v4])");
        assertThatThrownBy(() -> builder().feed(dropJson()).feed(dropJson()))
                .hasMessage("feed: 'spamhaus-drop-v4' (expected: a unique name)");
        assertThatThrownBy(() -> FeedSource.url(java.net.URI.create("ftp://192.0.2.1/drop.txt?key=s3cret")))
                .hasMessage("url: 'ftp://192.0.2.1/drop.txt' (expected: an http or https URL)");
        assertThatThrownBy(() -> FeedFormat.of("csv")).hasMessage(
                "format: 'csv' (expected: one of spamhaus-drop, spamhaus-drop-json, firehol-netset, plain)");
        refresher.start();
        assertThatThrownBy(() -> refresher.start()).hasMessage("already started");
    }

    @Test
    void refreshesOnItsOwnThreadWhichCloseStops() throws Exception {
        server.serve("192.0.2.1\n".getBytes(StandardCharsets.UTF_8), "\"a\"");
        BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        refresher = FeedRefresher.builder((name, cidrs) -> threads.add(Thread.currentThread()))
                .feed(FeedSpec.of("ops", FeedSource.url(server.uri("/ops.txt")), FeedFormat.PLAIN,
                        Duration.ofMillis(10))).build();
        refresher.start();
        Thread thread = threads.poll(30, TimeUnit.SECONDS);
        assertThat(thread).isNotNull().isNotSameAs(Thread.currentThread());
        assertThat(thread.getName()).isEqualTo("portcullis-feeds");
        assertThat(thread.isDaemon()).isTrue();

        refresher.close();
        thread.join(30_000);

        assertThat(thread.isAlive()).isFalse();
        assertThatThrownBy(() -> refresher.start()).hasMessage("closed");
    }
}
