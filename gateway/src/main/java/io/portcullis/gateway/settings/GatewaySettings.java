package io.portcullis.gateway.settings;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One immutable snapshot of the whole data plane's settings: every API it serves. A reload builds a new
 * snapshot and hands it to {@code GatewayServer.swap}; nothing in it changes afterwards.
 */
public record GatewaySettings(List<ApiSettings> apis) {

    public GatewaySettings {
        apis = List.copyOf(requireNonNull(apis, "apis"));
        Set<String> names = new HashSet<>();
        Set<java.net.InetSocketAddress> listens = new HashSet<>();
        for (int i = 0; i < apis.size(); i++) {
            ApiSettings api = apis.get(i);
            if (!names.add(api.name())) {
                throw new IllegalArgumentException("apis[" + i + "].name: '" + api.name() + "' (expected: unique)");
            }
            if (api.listen().getPort() != 0 && !listens.add(api.listen())) {
                throw new IllegalArgumentException(
                        "apis[" + i + "].listen: " + api.listen() + " (expected: unique per API)");
            }
        }
    }

    public Optional<ApiSettings> api(String name) {
        return apis.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
