package io.portcullis.config.internal;

/** A parsed element and where it was written, for cross-reference messages. */
public record Located<T>(T value, Problems.Where where) {}
