package io.portcullis.config.api;

/**
 * {@code resourcePolicy}: the policy document's JSON text and where it came from: the file it was read from, or
 * {@code ""} for a document written inline (its errors are then placed at their path under
 * {@code resourcePolicy}).
 */
public record PolicySource(String json, String origin) {}
