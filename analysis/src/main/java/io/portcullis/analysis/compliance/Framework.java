package io.portcullis.analysis.compliance;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compliance framework of the mapping: its id ({@code pci-dss}), its full name, where it is published, and its
 * catalog of controls (id to title, in the framework's order) as far as the mapping lists them: a control of the
 * catalog that no rule maps to is reported as not applicable by {@code report compliance}.
 */
public record Framework(String id, String name, String url, Map<String, String> controls) {
    public Framework {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(url, "url");
        controls = Collections.unmodifiableMap(new LinkedHashMap<>(controls));
    }
}
