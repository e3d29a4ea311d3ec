/**
 * The evidence a node leaves: every connection and request decision in the tamper-evident audit log
 * ({@link io.portcullis.runtime.evidence.AuditRecorder}), one JSON line per request and per refused connection in
 * the access log ({@link io.portcullis.runtime.evidence.AccessLogWriter}), the JVM and process meters
 * ({@link io.portcullis.runtime.evidence.ProcessMeters}), and the admin listener serving metrics, health,
 * readiness and the plan in force ({@link io.portcullis.runtime.evidence.AdminServer}).
 */
package io.portcullis.runtime.evidence;
