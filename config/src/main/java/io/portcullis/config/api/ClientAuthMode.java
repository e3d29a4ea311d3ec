package io.portcullis.config.api;

/** {@code tls.clientAuth}: whether a client certificate is not asked for, asked for, or required. */
public enum ClientAuthMode { NONE, OPTIONAL, REQUIRED }
