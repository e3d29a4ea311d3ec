package io.portcullis.cli.access;

import io.portcullis.config.Protocol;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Option;

/** The options shared by commands that ask about reaching one API: configuration, API, traffic, instant, format. */
public final class TargetOptions {

    @Option(names = "--config", required = true, arity = "1..*", paramLabel = "CONFIG", description = "YAML files or directories")
    List<Path> config;

    @Option(names = "--to", required = true, paramLabel = "API", description = "API name")
    String to;

    @Option(names = "--port", description = "destination port (default: the API's listen port)")
    Integer port;

    @Option(names = "--protocol", defaultValue = "tcp", converter = ProtocolConverter.class,
            description = "tcp, udp, icmp, all or a number (default: ${DEFAULT-VALUE})")
    Protocol protocol;

    @Option(names = "--at", paramLabel = "INSTANT", description = "evaluate at this instant, e.g. 2026-11-23T10:00:00Z (default: now)")
    Instant at;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    Instant instant() {
        return at == null ? Instant.now() : at;
    }
}
