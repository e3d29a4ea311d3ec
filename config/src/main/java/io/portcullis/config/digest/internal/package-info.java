/**
 * Plumbing of the plan digest: the walk over the configuration records that builds the canonical form, and the
 * table of fields that need more than the default treatment (unordered lists, hashed or excluded locations).
 */
package io.portcullis.config.digest.internal;
