/**
 * Assurance probes: how the gateway tells a probe from ordinary traffic ({@link io.portcullis.gateway.probe.ProbeMarks}).
 * A probe asks for the reserved path {@link io.portcullis.gateway.probe.ProbeMarks#PATH} with a token the node can
 * verify; every layer decides it as it decides any request, then the gateway answers it itself (never upstream), and
 * its event says it was a probe so the audit log records it as one and auto-block does not count it.
 */
package io.portcullis.gateway.probe;
