/** Measurements of the estate analyses: who can invoke every API of a generated estate ({@code WhoCanInvokeHarness}). */
package io.portcullis.bench.analysis;
