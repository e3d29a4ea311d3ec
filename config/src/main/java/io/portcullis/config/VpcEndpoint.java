package io.portcullis.config;

/** An interface VPC endpoint: a caller arriving through it comes from {@code vpc}. */
public record VpcEndpoint(String id, String vpc) {}
