package io.portcullis.alerts;

/**
 * Counters since {@link Alerts} was built.
 *
 * @param submitted        events accepted by {@link Alerts#submit(AlertEvent)}
 * @param dropped          events refused because the event buffer was full
 * @param processed        events the rules have seen
 * @param fired            alerts fired
 * @param suppressed       times a rule's condition held but the cooldown kept it quiet
 * @param evictedKeys      keys forgotten because a rule tracked its maximum number of keys
 * @param delivered        alerts the webhook accepted
 * @param deliveryRetries  webhook attempts after the first
 * @param deliveryFailures alerts the webhook never accepted
 * @param deliveryOverflow alerts not posted because the delivery queue was full
 */
public record AlertStats(long submitted, long dropped, long processed, long fired, long suppressed, long evictedKeys,
                         long delivered, long deliveryRetries, long deliveryFailures, long deliveryOverflow) {}
