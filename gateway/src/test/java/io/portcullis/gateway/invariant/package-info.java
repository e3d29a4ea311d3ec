/**
 * The standing invariant "what the gateway authorized is exactly what the upstream runs", tested end to end: a
 * real gateway on loopback forwards to a {@link io.portcullis.gateway.invariant.RecordingUpstream}, which cuts
 * what it receives into requests with a parser of its own ({@link io.portcullis.gateway.invariant.UpstreamParser},
 * sharing no code with the gateway or Netty's HTTP codec); {@link io.portcullis.gateway.invariant.Invariant}
 * holds what the upstream ran against the gateway's request events and the authorizer's answers. Generated
 * sequences of requests ({@link io.portcullis.gateway.invariant.ForwardingInvariantProperties}) and one
 * regression test per known attack exercise it; {@link io.portcullis.gateway.invariant.PathOracle} states the
 * path normalization contract independently of the gateway's code.
 */
package io.portcullis.gateway.invariant;
