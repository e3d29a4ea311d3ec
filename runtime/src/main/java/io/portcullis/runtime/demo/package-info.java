/**
 * The shipped demo: a configuration template with two tenants on loopback ({@code demo.yaml}) and a small
 * upstream service that echoes what the gateway forwarded.
 */
package io.portcullis.runtime.demo;
