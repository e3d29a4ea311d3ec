/**
 * HTTP/1.1 on the wire, shared by the client and upstream legs: the cutting of a connection's bytes into lines and
 * body parts under one CRLF discipline and one set of caps, the character classes of RFC 9110/9112, strict
 * chunk-size lines, header-name sets matched on raw bytes, and the writing of heads and chunk framing straight
 * into buffers, so that proxied messages are relayed as bytes rather than decoded into header maps and encoded
 * again.
 */
package io.portcullis.gateway.wire;
