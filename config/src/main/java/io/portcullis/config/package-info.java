/**
 * The configuration: the public YAML contract (sections {@code accounts}, {@code vpcs}, {@code connections},
 * {@code vpcEndpoints}, {@code prefixLists}, {@code securityGroups}, {@code workloads}, {@code partners}, {@code apis}) as
 * immutable records, and {@link io.portcullis.config.ConfigLoader}, which parses YAML safely and validates
 * everything at once into a {@link io.portcullis.config.ValidationReport}. A configuration object exists only
 * when it has no errors. See docs/config.md.
 */
package io.portcullis.config;
