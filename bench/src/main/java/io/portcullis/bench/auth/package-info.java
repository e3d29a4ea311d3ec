/**
 * The identity and policy stage as the gateway runs it: the per-request cost of an authorizer with a cached
 * token, claims binding and a 10-statement resource policy ({@code AuthorizerBenchmark}), and the latency
 * distribution of each failure cause over real connections ({@code FailureTiming}).
 */
package io.portcullis.bench.auth;
