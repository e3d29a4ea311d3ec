/**
 * Claims bound to the network ({@code auth.bind}): a verified token is accepted only from where it belongs.
 * {@link io.portcullis.identity.binding.ClaimsBinding} compares configured claims with the caller's
 * {@link io.portcullis.identity.binding.NetworkPosition} and answers with a
 * {@link io.portcullis.decision.Decision}; a mismatch is {@code identity/claims-network-mismatch}.
 */
package io.portcullis.identity.binding;
