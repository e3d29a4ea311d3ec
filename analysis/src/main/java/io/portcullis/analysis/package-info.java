/**
 * Analysis of a compiled plan: who can invoke each API (Portcullis APIs by the engine's network decision; API
 * Gateway private APIs the way AWS decides: the endpoint's security groups, the endpoint policy, the API's
 * resource policy), and findings with a stable rule id, severity, resource, evidence and remediation, mapped to
 * compliance controls by data, accepted by a baseline, printed as text, JSON or SARIF 2.1.0.
 */
package io.portcullis.analysis;
