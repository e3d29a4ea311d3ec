package io.portcullis.config.node;

/** {@code admin}: the listener for {@code /metrics}, {@code /healthz} and {@code /readyz}. */
public record AdminConfig(String host, int port) {}
