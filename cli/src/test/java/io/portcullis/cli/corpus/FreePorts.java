package io.portcullis.cli.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Ports the OS says are free: bind port 0 on every address, read the port, close. A port is never handed out
 * twice in one JVM, so two listeners of one configuration never clash by accident (only deliberate clashes do).
 */
final class FreePorts {

    private static final Set<Integer> GIVEN = new HashSet<>();

    private FreePorts() {}

    /** {@code count} distinct free ports (below 65000, so that a rule's range P-(P+1) stays valid). */
    static synchronized int[] take(int count) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = one();
        }
        return ports;
    }

    private static int one() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket s = new ServerSocket(0)) {
                int p = s.getLocalPort();
                if (p < 65000 && GIVEN.add(p)) {
                    return p;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot ask the OS for a free port", e);
            }
        }
        throw new IllegalStateException("no free port after 100 attempts");
    }
}
