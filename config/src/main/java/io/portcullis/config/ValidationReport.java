package io.portcullis.config;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of loading a configuration: every error and warning found, and the configuration itself when
 * there were no errors. Warnings never prevent loading (a stale reference, for example, matches nothing).
 */
public record ValidationReport(Optional<PortcullisConfig> config, List<Problem> problems, SourceMap sources) {

    public ValidationReport {
        problems = List.copyOf(problems);
        java.util.Objects.requireNonNull(sources, "sources");
        if (config.isPresent() && problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
            throw new IllegalArgumentException("a report with errors cannot carry a configuration");
        }
    }

    /** A report of {@code problems} with no source map (nothing was read). */
    public ValidationReport(Optional<PortcullisConfig> config, List<Problem> problems) {
        this(config, problems, SourceMap.EMPTY);
    }

    public boolean valid() {
        return config.isPresent();
    }

    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.WARNING).toList();
    }

    /** The configuration, or an {@link InvalidConfigException} listing every error. */
    public PortcullisConfig orThrow() {
        return config.orElseThrow(() -> new InvalidConfigException(errors()));
    }
}
