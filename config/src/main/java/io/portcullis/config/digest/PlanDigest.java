package io.portcullis.config.digest;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.digest.internal.CanonicalForm;
import io.portcullis.config.digest.internal.CanonicalJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The content digest of a configuration: the SHA-256 of its canonical JSON form ({@link #canonicalJson()}), written
 * {@code sha256:<64 hex digits>}. Equal for configurations that enforce the same thing however they are laid out
 * (files, key order, comments, anchors, the order of lists that are sets, where referenced files live), different
 * when anything that can alter a decision changes. Referenced files (keys, certificates, JWK sets, policy files)
 * contribute only the SHA-256 of their bytes, never their path or content, so the canonical form holds no secret
 * and can be shown. docs/plan-digest.md defines the canonical form; {@value #VERSION} is its version.
 */
public final class PlanDigest {

    /** The version of the canonical form, written as {@code "portcullisPlan"} at its top level. */
    public static final int VERSION = 8;

    private final String canonicalJson;
    private final String hex;

    private PlanDigest(String canonicalJson) {
        this.canonicalJson = canonicalJson;
        this.hex = CanonicalJson.sha256Hex(canonicalJson);
    }

    /** The digest of {@code config}, reading the files it references now. */
    public static PlanDigest of(PortcullisConfig config) {
        return of(config, PlanDigest::readFile);
    }

    /**
     * The digest of {@code config} with referenced files read by {@code fileContents}: a file's bytes, or empty when
     * it cannot be read (the canonical form then marks it {@code "unreadable"}). It may be called from several
     * threads at once: the elements of a large set are written side by side.
     */
    public static PlanDigest of(PortcullisConfig config, Function<? super Path, Optional<byte[]>> fileContents) {
        requireNonNull(config, "config");
        requireNonNull(fileContents, "fileContents");
        return new PlanDigest(CanonicalForm.of(config, VERSION, fileContents));
    }

    /** The 64 lower-case hex digits of the SHA-256. */
    public String hex() {
        return hex;
    }

    /** Exactly the text that was hashed (UTF-8, compact, keys sorted); safe to print. */
    public String canonicalJson() {
        return canonicalJson;
    }

    /** {@code sha256:<hex>}. */
    @Override
    public String toString() {
        return "sha256:" + hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlanDigest d && d.hex.equals(hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    private static Optional<byte[]> readFile(Path p) {
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
