/**
 * Claims bound to the network ({@code auth.bind}): a verified token is accepted only from where it belongs.
 * {@link io.portcullis.identity.binding.ClaimsBinding} compares configured claims with the caller's
 * {@link io.portcullis.identity.binding.NetworkPosition} and answers with a
 * {@link io.portcullis.decision.Decision}; a mismatch is {@code identity/claims-network-mismatch}.
 * {@link io.portcullis.identity.binding.CertificateBinding} binds the client certificates that belong to a caller
 * (a partner) to that caller's addresses; a mismatch is {@code identity/certificate-network-mismatch}.
 */
package io.portcullis.identity.binding;
