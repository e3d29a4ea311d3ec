package io.portcullis.settings;

/** Whether a TLS listener asks for, or requires, a client certificate. */
public enum ClientAuth {
    NONE,
    OPTIONAL,
    REQUIRED
}
