package io.portcullis.config;

/** An AWS-style account: a 12-digit id and a display name. */
public record Account(String id, String name) {}
