/**
 * The security-group reachability engine. {@link io.portcullis.engine.AccessEngine} compiles a validated
 * configuration into an immutable {@link io.portcullis.engine.Snapshot} that answers "may this source reach
 * this API on this port, and why?" without scanning rules or allocating; membership changes apply to a live
 * engine without a full recompile.
 */
package io.portcullis.engine;
