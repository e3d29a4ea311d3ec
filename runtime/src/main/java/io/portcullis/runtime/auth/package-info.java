/**
 * The identity and policy layers of one API, as the gateway calls them on each request: the JWT verified (or the
 * mTLS identity taken), its claims bound to the network source, route requirements, and the resource policy
 * evaluated with the request's full context and combined with the authorizer's result by API Gateway's tables.
 */
package io.portcullis.runtime.auth;
