/** JMH benchmarks of the identity layer's per-request path: the verified-token cache and claims binding. */
package io.portcullis.bench.identity;
