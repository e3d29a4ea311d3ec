package io.portcullis.config.api;

/**
 * {@code resourcePolicy}: the policy document's JSON text and where it came from (a file path, or the
 * configuration path of an inline document), so errors point at the right place.
 */
public record PolicySource(String json, String origin) {}
