/** Loading plumbing: safe YAML reading, the field walker, section parsers and cross-reference checks. */
package io.portcullis.config.internal;
