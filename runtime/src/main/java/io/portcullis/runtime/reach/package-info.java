/**
 * Who can invoke each API of an estate, and why: {@link io.portcullis.runtime.reach.WhoCanInvoke} is the facade.
 * API Gateway private APIs are decided the way AWS decides them, layer by layer (the execute-api endpoint's
 * security groups by the engine, the endpoint policy and the API's resource policy by the policy evaluator);
 * Portcullis APIs by the engine. Each entry carries the deciding rule or statement of every layer. The semantics
 * and the AWS documentation they rest on are in {@code docs/who-can-invoke.md}.
 */
package io.portcullis.runtime.reach;
