/**
 * Audit-log benchmarks as plain {@code main()} harnesses: the log's work happens on its own writer thread and its
 * figure of merit is durable records per second over seconds, which JMH's per-invocation timing does not capture.
 */
package io.portcullis.bench.audit;
