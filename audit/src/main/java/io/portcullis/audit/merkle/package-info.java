/**
 * RFC 9162 Merkle tree hashing: leaf and node hashes, an incremental {@link io.portcullis.audit.merkle.CompactRange}
 * for appending and computing roots in one pass, and inclusion and consistency proofs with their verifiers.
 * Nothing here touches files; the log and the verifier feed it hashes.
 */
package io.portcullis.audit.merkle;
