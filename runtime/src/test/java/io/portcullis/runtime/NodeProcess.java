package io.portcullis.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * A node in its own process, for tests that kill it: prints {@code ready} once serving, then every 10 ms
 * {@code durable N}, the audit records acknowledged as durable so far.
 */
public final class NodeProcess {

    private NodeProcess() {}

    public static void main(String[] args) throws Exception {
        Node node = Node.builder(List.of(Path.of(args[0]))).build().start();
        System.out.println("ready");
        System.out.flush();
        while (true) {
            System.out.println("durable " + (long) node.registry().get("portcullis.audit.durable.records").gauge().value());
            System.out.flush();
            Thread.sleep(10);
        }
    }
}
