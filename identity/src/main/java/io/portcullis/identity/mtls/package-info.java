/**
 * The identity of a caller that presented a verified client certificate: its SPIFFE id (or other URI SAN) or
 * its DNS name, usable as the principal when a request carries no token.
 */
package io.portcullis.identity.mtls;
