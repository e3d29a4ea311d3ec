package io.portcullis.cli;

import io.portcullis.runtime.cluster.ControlCredentials;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say how a command proves itself to the control plane and recognizes it (a picocli mixin). */
public final class ControlAccess {

    @Option(names = "--control-ca", paramLabel = "FILE",
            description = "the CA certificate(s) the control plane's certificate is checked against (PEM); "
                    + "default: the JDK's trust store")
    Path ca;

    @Option(names = "--control-cert", paramLabel = "FILE",
            description = "this caller's client certificate for the control plane (PEM), with --control-key")
    Path cert;

    @Option(names = "--control-key", paramLabel = "FILE",
            description = "the client certificate's private key (unencrypted PKCS#8 PEM)")
    Path key;

    @Option(names = "--control-token", paramLabel = "FILE",
            description = "a file holding a bearer token (JWT) for the control plane, instead of or beside a "
                    + "client certificate")
    Path token;

    /** The credentials the options name; throws with what is missing when only one of certificate and key is. */
    public ControlCredentials credentials() {
        return new ControlCredentials(ca, cert, key, token);
    }
}
