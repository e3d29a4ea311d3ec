package io.portcullis.feeds;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A sink and listener that keeps what it was told, for tests to await and inspect. */
final class Recorder implements FeedSink, FeedListener {

    record Replaced(String feed, List<String> cidrs) {}

    final BlockingQueue<Replaced> replaced = new LinkedBlockingQueue<>();
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void replace(String feedName, List<String> cidrs) {
        replaced.add(new Replaced(feedName, cidrs));
    }

    @Override
    public void onSuccess(String feedName, int count, int badLines) {
        events.add("success " + feedName + " " + count + " " + badLines);
    }

    @Override
    public void onFailure(String feedName, String reason) {
        events.add("failure " + feedName + " " + reason);
    }

    Replaced nextReplaced() throws InterruptedException {
        Replaced r = replaced.poll(30, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no list was handed to the sink");
        }
        return r;
    }

    String nextEvent() throws InterruptedException {
        String e = events.poll(30, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("the listener heard nothing");
        }
        return e;
    }
}
