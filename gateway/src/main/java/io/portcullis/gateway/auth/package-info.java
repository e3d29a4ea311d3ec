/**
 * The per-request identity and policy extension point:
 * {@link io.portcullis.gateway.auth.RequestAuthorizer}, set per API, receives the
 * {@link io.portcullis.gateway.auth.RequestFacts} of a request and answers with an
 * {@link io.portcullis.gateway.auth.Authorization} (the decision, the 401/403 status of a denial, and the
 * principal it established).
 */
package io.portcullis.gateway.auth;
