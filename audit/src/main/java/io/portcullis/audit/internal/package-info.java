/**
 * Plumbing of the audit log that no public API exposes: the canonical record encoding, the frame and segment
 * formats, the bounded queue, the writer thread, crash recovery, retention and the checkpoint file. The formats are
 * described in docs/audit.md.
 */
package io.portcullis.audit.internal;
