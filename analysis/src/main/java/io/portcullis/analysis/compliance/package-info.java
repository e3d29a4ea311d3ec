/**
 * Compliance mappings as data: {@code mapping.yaml} (CIS AWS Foundations, PCI DSS 4.0, HIPAA Security Rule, SOC 2,
 * NIST SP 800-53) maps each rule id to controls; users merge their own files and frameworks over it.
 */
package io.portcullis.analysis.compliance;
