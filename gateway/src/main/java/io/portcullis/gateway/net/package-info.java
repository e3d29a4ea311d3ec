/**
 * Address prefixes: {@link io.portcullis.gateway.net.Cidr} parses and validates a CIDR, and
 * {@link io.portcullis.gateway.net.PrefixTrie} answers "which prefix contains this address?" without locks or
 * allocation; trusted-proxy lists and blocklists are built on it.
 */
package io.portcullis.gateway.net;
