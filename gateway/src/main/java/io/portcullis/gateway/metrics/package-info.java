/**
 * What the data plane counts and logs about refusals: {@link io.portcullis.gateway.metrics.Rejections} keeps a
 * counter per reason and writes the one log line per refused connection or request.
 */
package io.portcullis.gateway.metrics;
