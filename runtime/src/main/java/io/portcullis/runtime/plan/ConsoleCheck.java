package io.portcullis.runtime.plan;

import io.portcullis.config.node.ConsoleConfig;
import io.portcullis.config.node.NodeConfig;
import io.portcullis.gateway.settings.ApiSettings;
import io.portcullis.gateway.tls.TlsContexts;
import io.portcullis.identity.jwt.JwtVerifier;
import io.portcullis.runtime.auth.Authorizers;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The {@code console} section checked as the console will build it (module {@code console}): its TLS context from
 * the same files ({@link TlsContexts#jdkServer}), its token verifier from the same settings as an API's
 * ({@link Authorizers#settings}), its own listener clear of every API's and the admin listener's, or without one an
 * admin listener to be served on. So {@code validate}
 * refuses a console that {@code run} could not start.
 */
final class ConsoleCheck {

    private ConsoleCheck() {}

    static void check(ConsoleConfig console, NodeConfig config, List<ApiSettings> apis, List<String> problems) {
        if (console.listen().isEmpty()) {
            if (config.admin().isEmpty()) {
                problems.add("console.listen: missing, and no admin section to serve the console on (expected: "
                        + "console.listen, or admin.listen)");
            }
        } else {
            ConsoleConfig.Listen own = console.listen().get();
            InetSocketAddress listen = new InetSocketAddress(own.host(), own.port());
            String at = "console.listen: " + own.host() + ":" + own.port();
            apis.stream().filter(api -> NodePlan.clash(listen, api.listen())).findFirst().ifPresent(api ->
                    problems.add(at + " is also where API " + api.name() + " listens (expected: a port of its own)"));
            config.admin().filter(a -> NodePlan.clash(listen, new InetSocketAddress(a.host(), a.port()))).ifPresent(a ->
                    problems.add(at + " is also the admin listener's (expected: a port of its own, or no console.listen "
                            + "to serve the console on the admin listener)"));
        }
        console.tls().ifPresent(tls -> {
            try {
                TlsContexts.jdkServer(tls);
            } catch (IllegalArgumentException e) {
                problems.add("console." + e.getMessage());
            }
        });
        console.jwt().ifPresent(jwt -> {
            try {
                JwtVerifier.builder(Authorizers.settings(jwt)).build().close();
            } catch (IllegalArgumentException e) {
                problems.add("console.auth.jwt." + e.getMessage());
            }
        });
    }
}
