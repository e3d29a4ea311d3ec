package io.portcullis.runtime.serving;

import io.portcullis.config.Api;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.api.RouteConfig;
import io.portcullis.config.api.Serving;
import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.gateway.settings.GatewaySettings;
import io.portcullis.settings.RouteSettings;
import io.portcullis.settings.TlsSettings;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Maps every API of a configuration to the gateway's settings, or lists why it cannot: the checks only a node
 * that is about to serve can make (an upstream is set, certificate and key files are readable) and the gateway's
 * own cross-field rules, each reported at its configuration path ({@code apis[i].field}).
 *
 * <p>{@code perApi} completes each API's settings with what the caller builds (the request authorizer).
 */
public final class ServingPlan {

    /** The gateway settings, or the problems that prevent serving; exactly one is present. */
    public record Result(Optional<GatewaySettings> settings, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private ServingPlan() {}

    public static Result of(PortcullisConfig config, BiFunction<Api, ApiSettings.Builder, ApiSettings.Builder> perApi) {
        List<String> problems = new ArrayList<>();
        List<ApiSettings> apis = new ArrayList<>();
        for (int i = 0; i < config.apis().size(); i++) {
            Api api = config.apis().get(i);
            String at = "apis[" + i + "]";
            try {
                ApiSettings s = api(api, at, problems, perApi);
                if (s != null) {
                    apis.add(s);
                }
            } catch (IllegalArgumentException e) {
                problems.add(at + ": " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            try {
                return new Result(Optional.of(new GatewaySettings(apis)), List.of());
            } catch (IllegalArgumentException e) {
                problems.add("apis: " + e.getMessage());
            }
        }
        return new Result(Optional.empty(), problems);
    }

    private static ApiSettings api(Api api, String at, List<String> problems,
                                   BiFunction<Api, ApiSettings.Builder, ApiSettings.Builder> perApi) {
        Serving s = api.serving();
        if (s.upstream().isEmpty()) {
            problems.add(at + ".upstream: missing (expected: the URL of the service behind " + api.name() + ", to serve it)");
            return null;
        }
        int before = problems.size();
        s.tls().ifPresent(t -> tls(t, at + ".tls", problems));
        if (problems.size() > before) {
            return null;
        }
        ApiSettings.Builder b = ApiSettings.builder(api.name(), new InetSocketAddress(api.listenHost(), api.listenPort()),
                        s.upstream().get())
                .proxyProtocol(s.proxyProtocol(), s.trustedProxies())
                .limits(s.limits())
                .timeouts(s.timeouts())
                .headers(s.headers())
                .routes(routes(s));
        s.tls().ifPresent(b::tls);
        return perApi.apply(api, b).build();
    }

    /** Reports the TLS files that cannot be read. */
    private static void tls(TlsSettings t, String at, List<String> problems) {
        readable(t.cert(), at + ".cert", problems);
        readable(t.key(), at + ".key", problems);
        t.clientCa().ifPresent(p -> readable(p, at + ".clientCa", problems));
        t.crl().ifPresent(p -> readable(p, at + ".crl", problems));
    }

    /** Reports a file that cannot be read, with the path and the reason. */
    public static boolean readable(Path file, String at, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(at + ": '" + file + "' " + (Files.exists(file) ? "is not a regular file" : "does not exist")
                    + " (expected: a readable file)");
            return false;
        }
        if (!Files.isReadable(file)) {
            problems.add(at + ": '" + file + "' is not readable by this process (expected: a readable file)");
            return false;
        }
        return true;
    }

    /** The API's routes as the gateway matches them. */
    public static List<RouteSettings> routes(Serving s) {
        return s.routes().stream().map(RouteConfig::settings).toList();
    }
}
