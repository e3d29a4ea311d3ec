package io.portcullis.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive, unpacked into a temporary directory as a user would: its launcher runs the CLI with the
 * JVM options the checkout's launcher uses, the tour runs from it, its example configuration compiles, and its
 * systemd unit is hardened and passes {@code systemd-analyze verify}.
 */
class DistributionArchiveTest {

    @TempDir
    static Path unpacked;

    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Command.of(unpacked, "tar", "xzf", Packaged.archive().toString()).succeeds();
        home = unpacked.resolve("portcullis-" + Packaged.version());
    }

    @Test
    void holdsTheLauncherTheJarTheOptionsTheExampleAndTheUnit() throws Exception {
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/portcullis")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(home.resolve("lib/portcullis.jar")).isRegularFile();
        assertThat(home.resolve("README.md")).content().contains("Portcullis " + Packaged.version())
                .contains(Packaged.revision()).doesNotContain("${");
        Path checkout = Packaged.checkout();
        // One launcher, one set of option files: the archive ships the checkout's own.
        assertThat(home.resolve("bin/portcullis")).hasSameTextualContentAs(checkout.resolve("cli/bin/portcullis"));
        assertThat(home.resolve("etc/jvm.options")).hasSameTextualContentAs(checkout.resolve("cli/jvm.options"));
        assertThat(home.resolve("etc/jvm-batch.options"))
                .hasSameTextualContentAs(checkout.resolve("cli/jvm-batch.options"));
        assertThat(home.resolve("etc/portcullis/portcullis.yaml"))
                .hasSameTextualContentAs(checkout.resolve("dist/etc/portcullis/portcullis.yaml"));
        assertThat(home.resolve("systemd/portcullis.service")).isRegularFile();
    }

    @Test
    void printsItsVersionAndRevision() throws Exception {
        assertThat(launcher("--version").succeeds().strip()).isEqualTo(Packaged.versionLine());
    }

    @Test
    void runsTheTourFromTheUnpackedArchive() throws Exception {
        Packaged.assertToured(launcher("demo", "--exit").succeeds());
    }

    @Test
    void validatesTheExampleWithTheBatchOptions() throws Exception {
        // The JVM prints the options it was given: the batch file is added for validate, and only for it.
        Map<String, String> flags = Map.of("PORTCULLIS_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        // validate: C1 only, the throughput collector, and a heap started at a share of memory (-Xms0 sets the
        // gateway's 256 MB floor aside); everything else keeps jvm.options alone.
        String validate = launcher("validate", "etc/portcullis").with(flags).succeeds();
        assertThat(validate).contains("-XX:TieredStopAtLevel=1").contains("-XX:+UseParallelGC")
                .contains("-XX:InitialRAMPercentage=8").doesNotContain("-XX:InitialHeapSize=268435456");
        Packaged.assertExampleValid(validate);
        String version = launcher("--version").with(flags).succeeds();
        assertThat(version).contains("-XX:InitialHeapSize=268435456").doesNotContain("TieredStopAtLevel")
                .doesNotContain("UseParallelGC");
    }

    @Test
    void batchCommandsMapTheClassesTheirFirstRunArchived() throws Exception {
        Path archive = noValidateArchive();
        Path stamp = home.resolve("lib/portcullis-validate.jsa.stamp");
        Map<String, String> loads = Map.of("PORTCULLIS_JAVA_OPTS", "-Xlog:class+load=info");
        String shared = "source: shared objects file (top)"; // the archive on top of the JDK's own

        String first = launcher("validate", "etc/portcullis").with(loads).succeeds();
        Packaged.assertExampleValid(first);
        assertThat(first).doesNotContain(shared);
        assertThat(archive).isRegularFile();
        assertThat(stamp).content().contains(home.resolve("lib/portcullis.jar").toFile().length() + " ");
        assertThat(home.resolve("lib")).isDirectoryNotContaining("glob:**.tmp");

        String second = launcher("validate", "etc/portcullis").with(loads).succeeds();
        Packaged.assertExampleValid(second);
        assertThat(second).containsPattern("io\\.portcullis\\.config\\.\\S+ " + Pattern.quote(shared));

        // A new jar: the archive is stale, so this run does not map it and makes it again.
        Path jar = home.resolve("lib/portcullis.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        String stale = launcher("validate", "etc/portcullis").with(loads).succeeds();
        assertThat(stale).doesNotContain(shared);
        assertThat(launcher("validate", "etc/portcullis").with(loads).succeeds()).contains(shared);

        // Switched off: neither mapped nor made.
        Files.delete(archive);
        Map<String, String> off = Map.of("PORTCULLIS_JAVA_OPTS", "-Xlog:class+load=info", "PORTCULLIS_CDS", "off");
        assertThat(launcher("validate", "etc/portcullis").with(off).succeeds()).doesNotContain(shared);
        assertThat(archive).doesNotExist();
    }

    @Test
    void aJavaThatCannotArchiveClassesRunsTheCommandsAnyway() throws Exception {
        Path archive = noValidateArchive();
        Path stamp = home.resolve("lib/portcullis-validate.jsa.stamp");
        // without the JDK's base archive (-Xshare:off here) the JVM refuses to start when asked to make one
        Map<String, String> noSharing = Map.of("PORTCULLIS_JAVA_OPTS", "-Xshare:off");
        Packaged.assertExampleValid(launcher("validate", "etc/portcullis").with(noSharing).succeeds());
        assertThat(archive).doesNotExist();
        assertThat(stamp).content().endsWith(" unsupported\n");
        // the answer is remembered: no archive, and no second question, until the jar or the java changes
        Packaged.assertExampleValid(launcher("validate", "etc/portcullis").succeeds());
        assertThat(archive).doesNotExist();
        Path jar = home.resolve("lib/portcullis.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(10)));
        Packaged.assertExampleValid(launcher("validate", "etc/portcullis").succeeds());
        assertThat(archive).isRegularFile();
        assertThat(home.resolve("lib")).isDirectoryNotContaining("glob:**.{tmp,probe}");
    }

    @Test
    void systemdUnitIsHardenedAndVerifies() throws Exception {
        Path unit = home.resolve("systemd/portcullis.service");
        List<String> lines = Files.readAllLines(unit);
        assertThat(lines).contains("User=portcullis", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "ReadWritePaths=/var/lib/portcullis /var/cache/portcullis", "Restart=on-failure",
                "LimitNOFILE=1048576", "CapabilityBoundingSet=", "AmbientCapabilities=",
                "ExecStart=/opt/portcullis/bin/portcullis run --config /etc/portcullis");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
        // verify checks that ExecStart's program exists: point the unit at the unpacked archive's launcher.
        Path copy = unpacked.resolve("portcullis.service");
        Files.writeString(copy, Files.readString(unit).replace("/opt/portcullis/bin/", home + "/bin/"));
        Command.Result r = Command.of(unpacked, "systemd-analyze", "verify", copy.toString()).run();
        assertThat(r.output()).as("systemd-analyze verify").isEmpty();
        assertThat(r.exit()).isZero();
    }

    /** The class archive of {@code validate} beside the jar, removed with its stamp: the next run starts afresh. */
    private static Path noValidateArchive() throws Exception {
        Path archive = home.resolve("lib/portcullis-validate.jsa");
        Files.deleteIfExists(archive);
        Files.deleteIfExists(home.resolve("lib/portcullis-validate.jsa.stamp"));
        return archive;
    }

    private static Command launcher(String... args) {
        // Nothing of the build's environment leaks in: the launcher finds its jar and options from its own place.
        return Command.of(home, home.resolve("bin/portcullis").toString()).plus(List.of(args));
    }
}
