package io.portcullis.config.node;

import static java.util.Objects.requireNonNull;

import io.portcullis.config.api.JwtConfig;
import io.portcullis.settings.TlsSettings;
import java.util.List;
import java.util.Optional;

/**
 * {@code console}: the web console's listener, its TLS and who may sign in. Off unless the section is written.
 * With {@code listen} the console has a listener of its own (and may have TLS); without it, it is served by the
 * admin listener ({@code admin.listen}, plain HTTP: no {@code tls}, so no certificate sign-in).
 * A user signs in with a token verified as an API's {@code auth.jwt} is (its role read from {@code rolesClaim}:
 * {@code viewer} or {@code operator}), or with a client certificate verified against {@code tls.clientCa} whose
 * primary identity (first SAN URI, else DNS name) is listed in {@code viewers} or {@code operators}.
 */
public record ConsoleConfig(Optional<Listen> listen, Optional<TlsSettings> tls, Optional<JwtConfig> jwt, String rolesClaim,
                            List<String> viewers, List<String> operators) {

    /** The claim read for the role when {@code auth.rolesClaim} is not written. */
    public static final String DEFAULT_ROLES_CLAIM = "roles";

    /** {@code console.listen}: the console's own address. */
    public record Listen(String host, int port) {
        public Listen {
            requireNonNull(host, "host");
        }
    }

    public ConsoleConfig {
        requireNonNull(listen, "listen");
        requireNonNull(tls, "tls");
        requireNonNull(jwt, "jwt");
        requireNonNull(rolesClaim, "rolesClaim");
        viewers = List.copyOf(viewers);
        operators = List.copyOf(operators);
    }

    /** Whether client certificates sign users in ({@code auth.certificates}). */
    public boolean certificates() {
        return !viewers.isEmpty() || !operators.isEmpty();
    }
}
