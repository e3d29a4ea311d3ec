/** JMH benchmarks of resource-policy evaluation ({@code io.portcullis.policy}). */
package io.portcullis.bench.policy;
