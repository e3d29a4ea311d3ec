package io.portcullis.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image tarball Jib built, checked without a Docker daemon: its configuration (entrypoint, user,
 * ports, labels), then its layers unpacked in order into a root file system where the entrypoint runs as the image's
 * user, in its working directory, with its environment and nothing of the host's ({@code unshare --root}, as a
 * container runtime would, with a private /proc). Needs root, as CI has.
 */
class ImageTarballTest {

    @TempDir
    static Path work;

    static JsonNode config;
    static RootFileSystem image;

    @BeforeAll
    static void unpack() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path tarball = work.resolve("tarball");
        Files.createDirectories(tarball);
        Command.of(tarball, "tar", "xf", Packaged.image().toString()).succeeds();
        JsonNode manifest = json.readTree(tarball.resolve("manifest.json").toFile()).get(0);
        config = json.readTree(tarball.resolve(manifest.get("Config").asText()).toFile()).get("config");
        List<Path> layers = new ArrayList<>();
        manifest.get("Layers").forEach(l -> layers.add(tarball.resolve(l.asText())));
        image = RootFileSystem.unpack(layers, work.resolve("root"));
    }

    @Test
    void entrypointIsTheJlinkedJavaWithTheLauncherOptions() throws Exception {
        List<String> entrypoint = strings(config.get("Entrypoint"));
        assertThat(entrypoint).containsExactly("/opt/portcullis/runtime/bin/java", "@/opt/portcullis/etc/jvm.options",
                "-cp", "@/app/jib-classpath-file", "io.portcullis.cli.Main");
        assertThat(image.path("/opt/portcullis/runtime/bin/java")).isExecutable();
        assertThat(image.path("/opt/portcullis/etc/jvm.options"))
                .hasSameTextualContentAs(Packaged.checkout().resolve("cli/jvm.options"));
        assertThat(strings(config.get("Cmd"))).containsExactly("run", "--config", "/etc/portcullis");
    }

    @Test
    void runsAsAnUnprivilegedUser() {
        String user = config.get("User").asText();
        assertThat(user).matches("[0-9]+:[0-9]+");
        assertThat(Integer.parseInt(user.split(":")[0])).isNotZero();
        assertThat(Integer.parseInt(user.split(":")[1])).isNotZero();
    }

    @Test
    void exposesTheExampleListenersAndLabelsItsVersionAndRevision() throws Exception {
        assertThat(config.get("ExposedPorts").fieldNames()).toIterable().containsExactlyInAnyOrder("8080/tcp", "9901/tcp");
        assertThat(image.path("/etc/portcullis/portcullis.yaml")).content()
                .contains("listen: \"0.0.0.0:8080\"").contains("listen: \"0.0.0.0:9901\"");
        JsonNode labels = config.get("Labels");
        assertThat(labels.get("org.opencontainers.image.version").asText()).isEqualTo(Packaged.version());
        String revision = labels.get("org.opencontainers.image.revision").asText();
        assertThat(revision).isEqualTo(Packaged.revision());
        Command.Result head = Command.of(Packaged.checkout(), "git", "rev-parse", "HEAD").run();
        if (head.exit() == 0) {
            assertThat(revision).isEqualTo(head.output().strip());
        }
    }

    @Test
    void entrypointPrintsTheVersionOfTheLabels() throws Exception {
        assertThat(entrypoint("--version").succeeds().strip()).isEqualTo(Packaged.versionLine());
    }

    @Test
    void entrypointValidatesTheExampleConfiguration() throws Exception {
        Packaged.assertExampleValid(entrypoint("validate", "/etc/portcullis").succeeds());
    }

    @Test
    void entrypointRunsTheTourWithTlsAndJwtsOnTheCutRuntime() throws Exception {
        // The demo signs ES256 tokens and serves TLS: the runtime must hold what jdeps cannot see (jdk.crypto.ec),
        // on scratch Netty's native libraries must find their C library, and UTF-8 output its locale.
        Packaged.assertToured(entrypoint("demo", "--exit").succeeds());
    }

    @Test
    void theUserWritesItsVolume() throws Exception {
        entrypoint("audit", "keygen", "--out", "/var/lib/portcullis/keys/audit").succeeds();
        Path key = image.path("/var/lib/portcullis/keys/audit.key");
        var attributes = Files.getFileAttributeView(key, PosixFileAttributeView.class).readAttributes();
        assertThat(attributes.owner().getName()).isIn("10001", "portcullis");
    }

    /** The image's entrypoint with these arguments, as its user, in its working directory, with its environment. */
    private static Command entrypoint(String... args) throws Exception {
        assumeTrue(Command.of(work, "id", "-u").succeeds().strip().equals("0"),
                "running the image's root file system needs root (unshare --root)");
        String[] user = config.get("User").asText().split(":");
        List<String> argv = new ArrayList<>(List.of("/usr/bin/env", "-i"));
        argv.addAll(strings(config.get("Env")));
        argv.addAll(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork", "--mount-proc=/proc",
                "--root=" + image.root(), "--wd=" + config.get("WorkingDir").asText(),
                "--setuid=" + user[0], "--setgid=" + user[1]));
        argv.addAll(strings(config.get("Entrypoint")));
        argv.addAll(List.of(args));
        return new Command(argv, work, Map.of(), Duration.ofMinutes(3));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
