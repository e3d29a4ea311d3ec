/**
 * The abuse harness's network clients (driven by {@code bench/abuse/abuse.sh}): {@code AbuseDriver} runs one
 * attack class for a bounded time from a bound source address, over raw sockets where a well-behaved client
 * library would refuse to misbehave (HTTP/2 frames are written by hand), and {@code LegitClient} sends a paced
 * stream of ordinary requests from another address and measures their success and latency.
 */
package io.portcullis.bench.abuse;
