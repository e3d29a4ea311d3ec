/**
 * A naive reference evaluator of the access semantics (linear scans, no indexes) and the generators of small
 * valid configurations and queries that the engine's property tests compare it with.
 */
package io.portcullis.engine.reference;
