/**
 * {@code explain}: the whole decision for one request (network, route, identity, policy, limits) run on the
 * same code the gateway runs, without sending traffic.
 */
package io.portcullis.runtime.explain;
