package io.portcullis.identity.jwt;

/** Supplies the current trusted keys; a remote source may be asked to look again when a kid is unknown. */
interface KeySource extends AutoCloseable {

    /** The keys now; never blocks. */
    TrustedKeys current();

    /** True once a key set was loaded (possibly empty); false while a remote JWKS has never been reached. */
    boolean loaded();

    /** A token named a kid we do not have: refresh if allowed, off the caller's thread. Never blocks. */
    void unknownKid();

    @Override
    void close();

    /** Keys read once from a local file (JWKS or shared secrets); a reload is a new verifier. */
    record Fixed(TrustedKeys current) implements KeySource {
        @Override
        public boolean loaded() {
            return true;
        }

        @Override
        public void unknownKid() {
            // A local file does not change under us; configuration reload builds a new verifier.
        }

        @Override
        public void close() {
        }
    }
}
