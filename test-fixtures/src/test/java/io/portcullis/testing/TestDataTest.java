package io.portcullis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDataTest {

    @TempDir
    Path workspace;

    @Test
    void findsSharedTestdataBesideTheRepositoryByWalkingUp() throws Exception {
        Path data = Files.createDirectories(workspace.resolve("shared/testdata"));
        Path module = Files.createDirectories(workspace.resolve("portcullis/audit"));
        assertThat(TestData.locate(null, null, module)).isEqualTo(data);
    }

    @Test
    void theEnvironmentVariableWinsOverTheWalkAndThePropertyOverBoth() throws Exception {
        Files.createDirectories(workspace.resolve("shared/testdata"));
        Path byVariable = Files.createDirectories(workspace.resolve("elsewhere"));
        Path byProperty = Files.createDirectories(workspace.resolve("other"));
        assertThat(TestData.locate(null, byVariable.toString(), workspace)).isEqualTo(byVariable);
        assertThat(TestData.locate(byProperty.toString(), byVariable.toString(), workspace)).isEqualTo(byProperty);
        assertThat(TestData.locate(" ", "", workspace)).isEqualTo(workspace.resolve("shared/testdata"));
    }

    @Test
    void aNamedFolderThatIsMissingFailsWithoutFallingBack() throws Exception {
        Files.createDirectories(workspace.resolve("shared/testdata"));
        String missing = workspace.resolve("nosuch").toString();
        assertThatThrownBy(() -> TestData.locate(null, missing, workspace))
                .hasMessage("PORTCULLIS_TESTDATA: '" + missing + "' is not a directory"
                        + " (expected: the shared test data folder, e.g. ../shared/testdata)");
        assertThatThrownBy(() -> TestData.locate(missing, null, workspace))
                .hasMessage("-Dportcullis.testdata: '" + missing + "' is not a directory"
                        + " (expected: the shared test data folder, e.g. ../shared/testdata)");
    }

    @Test
    void withoutTestDataTheFailureNamesBothWaysToProvideIt() {
        assertThatThrownBy(() -> TestData.locate(null, null, workspace))
                .hasMessage("shared/testdata not found in " + workspace + " or above it (expected: the repository"
                        + " checked out beside shared/, or the test data folder named by the environment variable"
                        + " PORTCULLIS_TESTDATA or the system property portcullis.testdata)");
    }

    @Test
    void findsTheSharedTestDataOfThisCheckout() {
        assertThat(TestData.path("README.md")).isRegularFile();
        assertThatThrownBy(() -> TestData.path("nosuch/file.json"))
                .hasMessageStartingWith("test data 'nosuch/file.json' not found in ");
    }
}
