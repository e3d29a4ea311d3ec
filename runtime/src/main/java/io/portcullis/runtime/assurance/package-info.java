/**
 * Continuous assurance: the tenant-isolation matrix derived from a plan ({@link io.portcullis.runtime.assurance.IsolationMatrix}),
 * real probes that play each tenant position against the running gateway ({@link io.portcullis.runtime.assurance.Prober}),
 * the truth table of expected against observed ({@link io.portcullis.runtime.assurance.TruthTable}), the signed probe
 * tokens the gateway recognises ({@link io.portcullis.runtime.assurance.ProbeKey}), and the node's schedule of runs
 * with their audit records, alerts and metrics ({@link io.portcullis.runtime.assurance.Assurance}). See docs/assurance.md.
 */
package io.portcullis.runtime.assurance;
