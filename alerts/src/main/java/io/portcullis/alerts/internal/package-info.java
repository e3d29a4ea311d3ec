/** Alert plumbing behind the public API: the event rings, sliding counters, rule state and webhook delivery. */
package io.portcullis.alerts.internal;
