/**
 * From a validated configuration to what the gateway serves: {@link io.portcullis.runtime.serving.ServingPlan}
 * maps each API's serving fields to gateway settings, checking what only a running node can check (files
 * readable, an upstream present), and {@link io.portcullis.runtime.serving.EngineGuard} answers the network
 * layer from the security-group engine's current snapshot.
 */
package io.portcullis.runtime.serving;
