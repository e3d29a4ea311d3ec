/**
 * Shadow mode: a candidate plan decides every connection and request beside the live one, after the live
 * decision and without enforcing anything; every difference is counted by API, layer and reason, sampled with
 * the explanations {@code explain} gives, and reported ({@code GET /shadow}, {@code portcullis shadow report}).
 */
package io.portcullis.runtime.shadow;
