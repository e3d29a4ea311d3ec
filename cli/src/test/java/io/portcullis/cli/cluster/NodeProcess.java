package io.portcullis.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A node ({@code portcullis run --control ...}) in a JVM of its own, started with the test's classpath and the CLI's
 * main class, so that it can be stopped, killed with SIGKILL and started again on the same cache and log. Its own
 * file (admin listener, audit log) is written beside its cache.
 */
final class NodeProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final String id;
    final Path home;
    final int adminPort;
    private final List<String> command;
    private Process process;
    private final Map<String, Integer> apis = new ConcurrentHashMap<>();
    private final List<String> output = new CopyOnWriteArrayList<>();

    NodeProcess(String id, Path home, int adminPort, URI control, Path ca, Path cert, Path key, String audit)
            throws IOException {
        this.id = id;
        this.home = home;
        this.adminPort = adminPort;
        Files.createDirectories(home);
        Path local = home.resolve("node.yaml");
        Files.writeString(local, "admin:\n  listen: 127.0.0.1:" + adminPort + "\n" + audit);
        command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                "--control", control.toString(), "--node-id", id, "--control-cache", home.resolve("cache").toString(),
                "--control-ca", ca.toString(), "--control-cert", cert.toString(), "--control-key", key.toString(),
                "--config", local.toString(), "--no-watch"));
    }

    private CountDownLatch ready;

    /** Starts the process and waits until it says it serves (or fails the test with what it printed). */
    NodeProcess start() throws IOException, InterruptedException {
        return launch().awaitReady();
    }

    /** Starts the process without waiting for it. */
    NodeProcess launch() throws IOException {
        output.clear();
        apis.clear();
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        CountDownLatch ready = new CountDownLatch(1);
        this.ready = ready;
        Process p = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                    if (line.startsWith("serving ")) { // serving NAME on HOST:PORT
                        String[] parts = line.split(" ");
                        apis.put(parts[1], Integer.parseInt(parts[3].substring(parts[3].lastIndexOf(':') + 1)));
                    } else if (line.startsWith("ready (pid")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "node-" + id + "-output");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    /** Waits until the process launched last says it serves (or fails the test with what it printed). */
    NodeProcess awaitReady() throws InterruptedException {
        if (!ready.await(180, TimeUnit.SECONDS)) {
            throw new AssertionError("node " + id + " did not start; it printed:\n" + String.join("\n", output));
        }
        return this;
    }

    /** What the process printed (its log included) since it was last started. */
    String output() {
        return String.join("\n", output);
    }

    /** The port the node serves {@code api} on. */
    int api(String api) {
        return apis.get(api);
    }

    /** {@code GET /plan} of the node's admin listener. */
    JsonNode plan() throws IOException, InterruptedException {
        return JSON.readTree(admin("/plan").body());
    }

    HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM, and waits for the process to end. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** SIGKILL, and waits for the process to end. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
