package io.portcullis.feeds.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A conditional GET: {@code If-None-Match} / {@code If-Modified-Since} from the last <em>accepted</em> response
 * (validators of rejected content are never sent, or the server would answer 304 to content we refused). The
 * whole exchange, body included, must finish within the request timeout, and the body is capped in size.
 */
final class HttpFetcher implements Fetcher {

    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;
    private final long maxBytes;
    private String etag;
    private String lastModified;
    private String pendingEtag;
    private String pendingLastModified;

    HttpFetcher(HttpClient client, URI uri, Duration timeout, long maxBytes) {
        this.client = client;
        this.uri = uri;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    @Override
    public Optional<byte[]> fetch() throws FetchFailure, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "text/plain, application/json, */*;q=0.5")
                .header("User-Agent", "portcullis-feeds");
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(),
                info -> info.statusCode() == 200 ? new CappedBody(maxBytes) : BodySubscribers.replacing(null));
        HttpResponse<byte[]> response;
        try {
            response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FetchFailure(FeedMessages.timedOut());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
        int status = response.statusCode();
        if (status == 304) {
            return Optional.empty();
        }
        if (status != 200) {
            throw new FetchFailure(FeedMessages.httpStatus(status));
        }
        pendingEtag = response.headers().firstValue("ETag").orElse(null);
        pendingLastModified = response.headers().firstValue("Last-Modified").orElse(null);
        return Optional.of(response.body());
    }

    /** Called only after a 200 whose content was accepted (or equals the list in force). */
    @Override
    public void accepted() {
        etag = pendingEtag;
        lastModified = pendingLastModified;
    }

    private FetchFailure failure(Throwable cause) {
        if (cause instanceof CappedBody.TooLarge || cause instanceof IOException && cause.getCause() instanceof CappedBody.TooLarge) {
            return new FetchFailure(FeedMessages.malformed(FeedMessages.tooLarge(maxBytes)));
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new FetchFailure(FeedMessages.connectTimedOut());
        }
        if (cause instanceof HttpTimeoutException) {
            return new FetchFailure(FeedMessages.timedOut());
        }
        return new FetchFailure(FeedMessages.io(cause));
    }
}
