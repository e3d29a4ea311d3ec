package io.portcullis.config.node;

import java.time.Duration;

/** {@code autoBlock}: {@code failures} authentication or authorization failures from one source ({@code key}:
 * {@code address}, {@code workload} or {@code group}) within {@code window} block its new connections for {@code cooldown}. */
public record AutoBlockConfig(String key, int failures, Duration window, Duration cooldown) {}
