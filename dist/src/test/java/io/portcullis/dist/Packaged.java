package io.portcullis.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** What this module's build packaged, as the POM hands it to the tests (system properties). */
final class Packaged {

    private Packaged() {}

    static String version() {
        return property("portcullis.version");
    }

    static String revision() {
        return property("portcullis.revision");
    }

    static Path archive() {
        return file("portcullis.archive");
    }

    static Path image() {
        return file("portcullis.image");
    }

    /** The checkout: the tests compare what was packaged with its sources (cli/jvm.options, the example). */
    static Path checkout() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** What {@code portcullis --version} prints for this build. */
    static String versionLine() {
        return "portcullis " + version() + " (revision " + revision() + ")";
    }

    /** What {@code demo --exit} prints when the tour ran through: a path explained, a 401 and a 429 among its calls. */
    static void assertToured(String output) {
        assertThat(output).contains("trader-1 → member of").contains("HTTP/1.1 401 Unauthorized").contains("429");
    }

    /** What {@code validate} prints for the example configuration (dist/etc/portcullis). */
    static void assertExampleValid(String output) {
        assertThat(output).contains("valid: 1 accounts, 1 VPCs, 1 security groups, 0 workloads, 1 APIs; 0 warning(s)")
                .containsPattern("plan sha256:[0-9a-f]{64}");
    }

    private static Path file(String name) {
        Path p = Path.of(property(name));
        if (!Files.isRegularFile(p)) {
            throw new AssertionError(name + ": " + p + " was not built (run the package phase first)");
        }
        return p;
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new AssertionError("system property " + name + " unset: run through Maven (dist/pom.xml)");
        }
        return v;
    }
}
