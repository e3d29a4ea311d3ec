package io.portcullis.gateway.probe;

import java.net.InetAddress;

/**
 * Verifies the mark of an assurance probe: the token in the {@link #HEADER} header of a request for the reserved
 * {@link #PATH}. The gateway asks only for that path, so ordinary requests never reach this; a request for the path
 * whose token does not verify is refused as an unknown route (and counted like any refusal), so neither the path
 * nor the probe's privileges (no auto-block count) can be had without the node's key.
 *
 * <p>Implementations bind the token to the API and to the source address the probe plays, and to a short expiry,
 * so a token seen on the wire marks nothing but the same probe again. Called on the event loop, for the reserved
 * path only: must not block.
 */
@FunctionalInterface
public interface ProbeMarks {

    /** The reserved path: the gateway answers it itself after every layer has decided; never sent upstream. */
    String PATH = "/.well-known/portcullis-probe";

    /** The request header carrying the probe token. */
    String HEADER = "portcullis-probe";

    /** No key: no request is a probe, and the reserved path is refused. */
    ProbeMarks NONE = (api, source, token) -> false;

    /** Whether {@code token} marks a probe of {@code api} from {@code source} now. */
    boolean verify(String api, InetAddress source, String token);
}
