/**
 * What the modules' tests share, and nothing that ships: {@link io.portcullis.testing.TestData} finds the
 * third-party test data read in place ({@code PORTCULLIS_TESTDATA}, else {@code shared/testdata} beside the
 * repository), {@link io.portcullis.testing.FakeTime} is a wall clock and a ticker that move only when a test
 * advances them, and {@link io.portcullis.testing.TestPki} issues certificates and CRLs at test time. Modules
 * depend on it in test scope only; the boundary tests check that no production class uses it.
 */
package io.portcullis.testing;
