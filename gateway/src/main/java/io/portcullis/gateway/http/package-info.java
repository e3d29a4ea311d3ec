/**
 * The HTTP stages of an API: the strict HTTP/1.1 request decoder
 * ({@link io.portcullis.gateway.http.Http1RequestDecoder}, heads kept as bytes),
 * routing ({@link io.portcullis.gateway.http.Router}), per-request limits and the streaming reverse proxy
 * ({@link io.portcullis.gateway.http.ProxyHandler}), with the uniform client-facing error responses of
 * {@link io.portcullis.gateway.http.ErrorResponses}. The same stages serve HTTP/1.1 connections and HTTP/2
 * streams (converted to HTTP/1-style messages per stream).
 */
package io.portcullis.gateway.http;
