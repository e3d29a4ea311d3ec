/**
 * Reading an audit log out as JSON lines: {@link io.portcullis.audit.read.AuditSearch} streams the records that
 * match a {@link io.portcullis.audit.read.RecordFilter} (skipping whole segments that are older than the time
 * asked for), and {@link io.portcullis.audit.read.AuditExport} streams every record a signed checkpoint covers,
 * with the checkpoints, and follows the log as it grows (for a SIEM). Both write one line per record with its
 * index and leaf hash, so whoever holds a line can later ask for its inclusion proof; docs/audit.md defines the
 * lines.
 */
package io.portcullis.audit.read;
