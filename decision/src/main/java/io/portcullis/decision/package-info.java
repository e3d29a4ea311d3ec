/**
 * Decisions as values. Every layer of Portcullis (network, identity, policy, traffic, protocol) answers
 * with a {@link io.portcullis.decision.Decision}: the verdict, the layer that decided, a stable reason code
 * and the rule or statement that decided. The same value flows unchanged to the client response, the audit
 * log, the metrics and {@code portcullis explain}.
 */
package io.portcullis.decision;
