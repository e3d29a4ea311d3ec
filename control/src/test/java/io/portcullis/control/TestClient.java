package io.portcullis.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.testing.TestPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An HTTPS client of the control plane presenting a client certificate (or none) and optionally a bearer token. */
final class TestClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final String token;

    private TestClient(HttpClient http, String base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    static TestClient of(TestPki pki, TestPki.Issued certificate, InetSocketAddress at) {
        return new TestClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(pki.clientContext(certificate)).connectTimeout(Duration.ofSeconds(5)).build(),
                "https://127.0.0.1:" + at.getPort(), null);
    }

    TestClient withToken(String bearer) {
        return new TestClient(http, base, bearer);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    HttpResponse<String> put(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json");
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(Object body) throws IOException {
        return body instanceof String s ? s : JSON.writeValueAsString(body);
    }
}
