/**
 * An AWS-IAM-compatible resource-policy engine: {@link io.portcullis.policy.PolicyParser} reads policy JSON
 * unchanged (with precise errors), {@link io.portcullis.policy.PolicySet} compiles documents once into matchers
 * and decides a {@link io.portcullis.policy.RequestContext} exactly as AWS does (explicit deny, allow, implicit
 * deny), and {@link io.portcullis.policy.AuthorizerCombination} combines that result with an authorizer's as API
 * Gateway documents. The semantics are written down in {@code docs/policy.md}.
 */
package io.portcullis.policy;
