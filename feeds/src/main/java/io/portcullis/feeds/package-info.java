/**
 * Threat-intelligence feeds: parsers for Spamhaus DROP (text and JSON lines), FireHOL netsets and plain lists,
 * and a refresher that keeps the last good list in force.
 *
 * <p>{@link io.portcullis.feeds.FeedParser} turns a feed's bytes into a {@link io.portcullis.feeds.FeedList} of
 * canonical prefixes, counting bad lines, or rejects the whole feed with a
 * {@link io.portcullis.feeds.MalformedFeedException}. {@link io.portcullis.feeds.FeedRefresher} fetches each
 * {@link io.portcullis.feeds.FeedSpec} on its own schedule on one background thread and hands accepted lists to a
 * {@link io.portcullis.feeds.FeedSink}; failures keep the previous list and reach the
 * {@link io.portcullis.feeds.FeedListener}. See {@code docs/feeds-and-alerts.md}.
 */
package io.portcullis.feeds;
