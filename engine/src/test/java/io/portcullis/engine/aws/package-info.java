/** Tests that the configuration model expresses a real AWS export, with a test-only translator. */
package io.portcullis.engine.aws;
