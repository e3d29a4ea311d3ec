package io.portcullis.cli.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The cluster tests' plan bundles: {@code plan.yaml} with a description, a port and, or not, an API on it. */
final class Plans {

    private Plans() {}

    /** A plan with no API (so that several nodes on one host can serve it); {@code description} tells versions apart. */
    static Map<String, String> withoutApi(String description) {
        return Map.of("portcullis.yaml", template(description, 9));
    }

    /** A plan whose API {@code orders} listens on 127.0.0.1:{@code port} (one node per host can serve it). */
    static Map<String, String> withApi(String description, int port) {
        return Map.of("portcullis.yaml", template(description, port) + """
                apis:
                  - name: orders
                    account: "111111111111"
                    vpc: vpc-acme
                    listen: "127.0.0.1:%d"
                    securityGroups: [sg-orders-api]
                    upstream: "http://127.0.0.1:9"
                """.formatted(port));
    }

    private static String template(String description, int port) {
        try (InputStream in = Plans.class.getResourceAsStream("plan.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${DESCRIPTION}", description)
                    .replace("${PORT}", Integer.toString(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
