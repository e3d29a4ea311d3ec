package io.portcullis.control.api;

import static java.util.Objects.requireNonNull;

import io.portcullis.control.auth.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One route of the API: method, path template ({@code /v1/nodes/{nodeId}/heartbeat}), the roles it admits (none:
 * answered without authentication) and its handler. The route table is the one list the server dispatches on and
 * the OpenAPI test compares with the document.
 */
public record Route(String method, String template, Set<Role> roles, Handler handler) {

    /** Answers one request, at once or later ({@link Call#later}). */
    @FunctionalInterface
    public interface Handler {
        Reply handle(Call call) throws Exception;
    }

    public Route {
        requireNonNull(method, "method");
        requireNonNull(template, "template");
        roles = Set.copyOf(roles);
        requireNonNull(handler, "handler");
    }

    public boolean open() {
        return roles.isEmpty();
    }

    /** The path parameters when {@code path} matches this template. */
    Optional<Map<String, String>> match(String path) {
        String[] want = template.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(want[i].substring(1, want[i].length() - 1), got[i]);
            } else if (!want[i].equals(got[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** The roles as their ids, for messages. */
    List<String> roleIds() {
        List<String> out = new ArrayList<>();
        roles.stream().sorted().forEach(r -> out.add(r.id()));
        return out;
    }
}
