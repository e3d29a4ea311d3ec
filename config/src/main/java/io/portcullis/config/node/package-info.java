/**
 * Settings of a running node rather than of one API: the audit log, the access log, the admin listener, alerts,
 * threat-intelligence feeds and auto-blocking. Each section appears in at most one file of a configuration.
 */
package io.portcullis.config.node;
