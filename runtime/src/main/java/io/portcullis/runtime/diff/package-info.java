/**
 * The semantic difference between two plans ({@code portcullis diff}, the {@code diff} of a change record, and
 * the risk a node computes itself before it loads a plan): for every API, the access gained and lost (who, on which
 * port, when, through which way in, as which principal, to which resource), with the rules and statements
 * responsible on both sides; the resource policy's verdicts on the classes of request the two versions tell apart;
 * identity requirements and limits that changed. Computed by the engine ({@code Reachability}) and the who-can-invoke
 * model ({@code runtime.reach}); nothing here decides an access of its own. Lives in runtime so that the node can
 * compute it (docs/decisions/0900-diff-in-runtime.md).
 */
package io.portcullis.runtime.diff;
