/**
 * Decisions as values. Every layer of Portcullis (network, identity, policy, traffic, protocol) answers
 * with a {@link io.portcullis.decision.Decision}: the verdict, the layer that decided, a stable reason code
 * and the rule or statement that decided. The same value flows unchanged to the client response, the audit
 * log, the metrics and {@code portcullis explain}.
 *
 * <p>It also holds the vocabulary of who is calling and what the network layer decided about the connection:
 * {@link io.portcullis.decision.Source} and {@link io.portcullis.decision.Admission}. The engine produces them and
 * the gateway consumes them, so both sides see them without the data plane depending on the engine.
 */
package io.portcullis.decision;
