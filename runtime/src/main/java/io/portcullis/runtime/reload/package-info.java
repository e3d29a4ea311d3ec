/**
 * Reloads of a running node: what triggers one (a change to its configuration files, or SIGHUP), and what each
 * one ended with ({@link io.portcullis.runtime.reload.ReloadOutcome}), counted, logged with what changed, and
 * shown by the admin endpoints ({@link io.portcullis.runtime.reload.ReloadOutcomes}).
 */
package io.portcullis.runtime.reload;
