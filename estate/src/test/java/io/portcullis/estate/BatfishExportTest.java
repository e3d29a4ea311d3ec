package io.portcullis.estate;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.testing.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared Batfish export (one region folder) imports whole, and validate accepts what is written. */
class BatfishExportTest {

    static final String EXPORT = "aws/batfish-hybrid-cloud-us-west-2";

    @TempDir
    Path out;

    @Test
    void smoke() throws Exception {
        Imports.Written w = Imports.importAndCompile(TestData.path(EXPORT), out);
        System.out.println(java.nio.file.Files.readString(out.resolve("40-security-groups.yaml")));
        w.reportLines().forEach(System.out::println);
    }
}
