/**
 * JMH benchmarks of the security-group engine against the targets (compile time, decision latency and
 * allocation, membership-change visibility, snapshot heap), on a synthetic configuration generated as YAML and
 * loaded through the real validator, plus a naive linear-scan peer so the index's advantage is a ratio.
 */
package io.portcullis.bench.engine;
