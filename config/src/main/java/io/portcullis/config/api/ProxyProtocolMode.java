package io.portcullis.config.api;

/** {@code proxyProtocol}: whether a PROXY protocol header is ignored, accepted from trusted peers, or required. */
public enum ProxyProtocolMode { OFF, OPTIONAL, REQUIRED }
