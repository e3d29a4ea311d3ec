/**
 * Baselines of accepted findings: each entry a fingerprint with a justification, an owner and an expiry; an
 * expired acceptance is a finding again.
 */
package io.portcullis.analysis.baseline;
