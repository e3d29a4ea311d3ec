/**
 * Automatic blocking: repeated authentication or authorization failures from one source block that source's
 * new connections for a cooldown, through the gateway's accept-time blocklist.
 */
package io.portcullis.runtime.autoblock;
