/**
 * Route-level requirements on a verified token without IAM: the scopes a route needs (all of them) and the
 * roles that may use it (any of them).
 */
package io.portcullis.identity.requirement;
