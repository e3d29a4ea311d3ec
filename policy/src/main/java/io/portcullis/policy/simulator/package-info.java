/**
 * The policy simulator's JSON formats: requests ({@link io.portcullis.policy.simulator.SimulationRequest}),
 * results, and the JSON-lines batch runner ({@link io.portcullis.policy.simulator.Simulator}) behind
 * {@code portcullis policy eval}.
 */
package io.portcullis.policy.simulator;
