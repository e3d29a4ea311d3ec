package io.portcullis.config.node;

import java.nio.file.Path;
import java.util.Optional;

/** {@code accessLog}: one JSON line per request to {@code path} (or standard output when absent); query strings
 * are dropped unless {@code recordQuery}, as in the audit log. */
public record AccessLogConfig(Optional<Path> path, boolean recordQuery) {}
